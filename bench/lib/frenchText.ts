/**
 * French-like text for the search benchmarks, reproducible from a seed.
 * Documents mostly use the words of their procedure's topic, plus common
 * words and a long tail of rarer ones (names, places), so that a query word
 * matches a realistic share of the corpus rather than all of it.
 */
import { seededRandom } from '../../demo/seededRandom.ts'

/** The vocabulary of each topic: one per kind of procedure. */
export const topics: string[][] = [
  'passeport renouvellement mairie rendez-vous photo timbre fiscal empreintes validité voyage biométrique',
  'carte nationale identité perte vol déclaration mairie rendez-vous photo validité renouvellement',
  'impôts revenus déclaration foyer fiscal avis imposition prélèvement source taux numéro fiscal',
  'allocation familiale caisse ressources trimestre montant versement droits enfant quotient',
  'aide personnalisée logement loyer bailleur locataire ressources montant simulation versement',
  'carte grise certificat immatriculation véhicule cession achat occasion contrôle technique',
  'permis conduire renouvellement points code examen auto-école visite médicale catégorie',
  'emploi chômage inscription indemnisation conseiller actualisation allocation retour formation',
  'assurance maladie carte vitale médecin traitant remboursement mutuelle complémentaire arrêt',
  'retraite pension trimestres relevé carrière départ âge taux plein complémentaire',
  'titre séjour étranger visa naturalisation nationalité récépissé préfecture renouvellement',
  'acte naissance mariage décès extrait copie intégrale état civil commune',
  'entreprise création auto-entrepreneur micro chiffre affaires cotisations déclaration siret',
  'handicap reconnaissance travailleur prestation compensation allocation adulte maison départementale',
  'bourse étudiant logement universitaire dossier social crous échelon versement',
  'justificatif domicile facture électricité attestation hébergement quittance loyer adresse',
].map((topic) => topic.split(' '))

/** Words every topic uses, most frequent first. */
export const commonWords = (
  'demande dossier délai semaines jours mois attente traitement réponse refus recours réclamation formulaire cerfa ' +
  'ligne site espace personnel compte identifiant connexion franceconnect paiement frais gratuit euros ' +
  'original copie pièce justificatif document envoyer recevoir courrier téléphone accueil guichet agent ' +
  'conseil astuce attention important vérifier penser prévoir apporter question merci bonjour problème ' +
  'solution besoin urgent bloqué erreur message changement situation déménagement adresse modification ' +
  'étape validation signature suivi référence numéro service public administration démarche procédure'
).split(' ')

const stopWords =
  'le la les de des du un une et à au aux en pour par sur avec dans que qui ce cette son sa ses vos votre il elle on nous vous'.split(
    ' ',
  )
const syllables =
  'ba be bi bo bu ca ce ci co cu da de di do du fa fe fi fo la le li lo lu ma me mi mo mu na ne ni no nu pa pe pi po ra re ri ro ru sa se si so ta te ti to va ve vi vo vil lon mont ville ière eau ard ais ent'.split(
    ' ',
  )

/** Draws words, sentences and texts from one seeded sequence. */
export type FrenchTextGenerator = {
  random: () => number
  pick: <T>(items: readonly T[], fallback: T) => T
  /** Zipf-like: low ranks far more frequent, as in real text. */
  zipf: <T>(items: readonly T[], fallback: T) => T
  sentence: (topic: readonly string[]) => string
  /** Sentences on a topic, about `words` words long (± 40 %). */
  text: (topic: readonly string[], words: number) => string
}

/**
 * A generator for one seed. `rareWords` is the size of the pool of rare words
 * (names, places): used with a Zipf law, the vocabulary keeps growing with the
 * corpus, but more slowly than it.
 */
export const frenchText = (seed: number, { rareWords = 40_000 }: { rareWords?: number } = {}): FrenchTextGenerator => {
  const random = seededRandom(seed)
  const pick = <T>(items: readonly T[], fallback: T): T => items[Math.floor(random() * items.length)] ?? fallback
  const zipf = <T>(items: readonly T[], fallback: T): T =>
    items[Math.min(items.length - 1, Math.floor(items.length * random() ** 3))] ?? fallback
  const rarePool = Array.from({ length: rareWords }, () =>
    Array.from({ length: 2 + Math.floor(random() * 3) }, () => pick(syllables, 'ba')).join(''),
  )
  const sentence = (topic: readonly string[]) => {
    const words = Array.from({ length: 6 + Math.floor(random() * 14) }, () => {
      const roll = random()
      if (roll < 0.32) return pick(stopWords, 'le')
      if (roll < 0.6) return pick(topic, 'dossier')
      if (roll < 0.9) return zipf(commonWords, 'demande')
      return zipf(rarePool, 'ba')
    })
    const joined = words.join(' ')
    return `${joined.charAt(0).toUpperCase()}${joined.slice(1)}.`
  }
  const text = (topic: readonly string[], words: number) => {
    const sentences: string[] = []
    let count = 0
    const target = words * (0.6 + random() * 0.8)
    while (count < target) {
      const next = sentence(topic)
      sentences.push(next)
      count += next.split(' ').length
    }
    return sentences.join(' ')
  }
  return { pick, random, sentence, text, zipf }
}
