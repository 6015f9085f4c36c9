import type { LexicalRoot } from 'entraide'
import type { DemoAccountKey } from '../accounts.ts'
import { doc, h, ol, p, ul } from '../richText.ts'
import type { DemoVote } from './community.ts'

/**
 * A later edit of a guide, made as its author may: a citizen's is a proposal waiting for review;
 * staff's is published, or a draft waiting for review when the guide is another agency's.
 */
export type DemoGuideRevision = {
  by: DemoAccountKey
  body: LexicalRoot
}

/** The simplified guide of one procedure, found again by its procedure. */
export type DemoGuide = {
  /** Slug of the procedure. */
  procedure: string
  title: string
  body: LexicalRoot
  /** Who writes and publishes the first version. */
  publishedBy: DemoAccountKey
  /** The agent (or editor) who verifies the published version. */
  verifiedBy?: DemoAccountKey
  /** An edit made after publication (and verification). */
  revision?: DemoGuideRevision
  votes?: DemoVote[]
}

const ants = (text: string, path = '') => ({ text, url: `https://ants.gouv.fr${path}` })

const passportGuide = doc(
  p(
    'Renouveler un passeport se fait en quatre temps : ',
    { bold: 'pré-demande en ligne, timbre fiscal, rendez-vous en mairie, retrait' },
    '. Le plus long est souvent d’obtenir un rendez-vous : commencez au moins deux mois avant un voyage.',
  ),
  h('Avant de commencer'),
  ul(
    ['Vérifiez la date de validité : au-delà de 5 ans après l’expiration, d’autres justificatifs peuvent être demandés.'],
    ['Faites faire une photo de moins de 6 mois ; les cabines et photographes agréés fournissent un code e-photo, plus sûr qu’un tirage papier.'],
    ['Gardez un justificatif de domicile récent à votre nom (facture, quittance, attestation d’assurance habitation).'],
  ),
  h('Étape par étape'),
  ol(
    ['Faites la pré-demande sur le ', ants('site de l’ANTS'), ' et notez le numéro de pré-demande.'],
    ['Achetez le timbre fiscal électronique de ', { bold: '86 €' }, ' pendant la pré-demande ou chez un buraliste agréé.'],
    ['Cherchez un créneau dans n’importe quelle mairie équipée, pas seulement la vôtre : le moteur de recherche de rendez-vous de l’ANTS les affiche toutes.'],
    ['Au rendez-vous, venez en personne avec l’ancien passeport et les justificatifs ; l’agent relève vos empreintes.'],
    ['Quand le SMS arrive, retirez le passeport au même guichet, ', { bold: 'dans les 3 mois' }, '.'],
  ),
  h('Pièges à éviter'),
  ul(
    ['Le timbre papier n’existe plus : seul le timbre électronique est accepté.'],
    ['Une photo refusée au guichet fait perdre le rendez-vous : respectez les normes (fond clair uni, visage dégagé, bouche fermée).'],
    ['Ne payez pas un site privé pour « faciliter » la pré-demande : elle est gratuite sur le site de l’ANTS.'],
  ),
)

const identityCardGuide = doc(
  p(
    'La carte d’identité est ',
    { bold: 'gratuite' },
    ' quand vous rendez l’ancienne. Elle coûte 25 € en timbre fiscal seulement si vous ne pouvez pas la présenter (perte ou vol).',
  ),
  h('Étape par étape'),
  ol(
    ['Faites la pré-demande sur le ', ants('site de l’ANTS'), '.'],
    ['Prenez rendez-vous dans une mairie équipée, où que vous habitiez.'],
    ['Au guichet, apportez l’ancienne carte, une photo de moins de 6 mois et un justificatif de domicile ; vos empreintes sont relevées.'],
    ['Retirez la carte en personne dans les 3 mois qui suivent le SMS.'],
  ),
  h('Bon à savoir'),
  ul(
    ['La nouvelle carte, au format carte bancaire, est valable 10 ans.'],
    ['Les cartes délivrées à un majeur entre 2004 et 2013 restent valables 15 ans, même si la date imprimée est dépassée ; certains pays ne les acceptent pas.'],
    ['En cas de perte, la déclaration se fait directement au guichet lors de la nouvelle demande.'],
  ),
)

const identityCardDraft = doc(
  ...identityCardGuide.root.children,
  h('Astuce de Camille'),
  p(
    'Si vous demandez aussi un passeport, demandez les deux le même jour : un seul rendez-vous, une seule photo. ',
    'Pensez à le préciser en prenant le rendez-vous, certaines mairies prévoient un créneau plus long.',
  ),
)

const incomeGuide = doc(
  p(
    'La déclaration de revenus est obligatoire chaque année, ',
    { bold: 'même si vous n’êtes pas imposable' },
    ' : elle ouvre droit à des aides et met à jour votre taux de prélèvement à la source.',
  ),
  h('En 20 minutes'),
  ol(
    ['Connectez-vous sur ', { text: 'impots.gouv.fr', url: 'https://www.impots.gouv.fr' }, ' (numéro fiscal ou FranceConnect).'],
    ['Contrôlez chaque montant pré-rempli avec vos bulletins de salaire de décembre ou vos attestations annuelles.'],
    ['Ajoutez ce qui manque : dons, frais de garde des enfants de moins de 6 ans, emploi à domicile, pension alimentaire versée.'],
    ['Signez, puis téléchargez l’accusé de réception.'],
  ),
  h('Si vous avez reçu une déclaration automatique'),
  p(
    'Si toutes les informations sont justes, vous n’avez rien à faire : la déclaration est considérée comme faite. ',
    'S’il manque quelque chose (une naissance, des frais de garde, un changement de situation), déclarez en ligne comme d’habitude.',
  ),
  h('Une erreur après avoir signé ?'),
  p(
    'Vous pouvez signer à nouveau jusqu’à la date limite. Après, le service de correction en ligne ouvre pendant l’été, une fois l’avis d’impôt reçu, jusqu’à mi-décembre.',
  ),
)

const incomeRevision = doc(
  ...incomeGuide.root.children,
  h('Vos aides en dépendent'),
  p(
    'La CAF calcule l’aide au logement, la prime d’activité et les allocations familiales avec le revenu déclaré deux ans plus tôt. ',
    'Sans déclaration, même à zéro, ces aides peuvent être suspendues.',
  ),
)

const housingAidGuide = doc(
  p(
    'Une seule demande sur ',
    { text: 'caf.fr', url: 'https://www.caf.fr' },
    ' suffit : la CAF attribue l’APL, l’ALF ou l’ALS selon votre logement. ',
    { bold: 'Faites-la dès l’entrée dans le logement' },
    ' : l’aide ne couvre pas les mois antérieurs à la demande.',
  ),
  h('Ce qu’il faut avoir sous la main'),
  ul(
    ['Le bail et le montant du loyer hors charges.'],
    ['Les coordonnées du bailleur, qui doit remplir l’attestation de loyer.'],
    ['Un RIB.'],
  ),
  h('Étape par étape'),
  ol(
    ['Faites une simulation pour savoir si vous pouvez y prétendre.'],
    ['Remplissez la demande en ligne depuis votre compte (ou créez-en un).'],
    ['Faites compléter l’attestation de loyer par le bailleur.'],
    ['Déposez les justificatifs demandés depuis votre espace et suivez la réponse.'],
  ),
  h('Comprendre les versements'),
  ul(
    ['Le droit commence le mois qui suit l’entrée dans le logement : si vous emménagez le 15 septembre, l’aide est due à partir d’octobre et versée début novembre.'],
    ['Le montant est recalculé tous les trois mois à partir de vos ressources des 12 derniers mois.'],
    ['Signalez vite tout changement (déménagement, naissance, séparation) pour éviter un trop-perçu à rembourser.'],
  ),
)

const registrationGuide = doc(
  p(
    'Vous avez ',
    { bold: 'un mois après l’achat' },
    ' pour mettre la carte grise à votre nom, uniquement en ligne sur le ',
    { text: 'site de l’ANTS', url: 'https://immatriculation.ants.gouv.fr' },
    '.',
  ),
  h('Le jour de l’achat, exigez du vendeur'),
  ul(
    ['La carte grise barrée, avec « Vendu le », la date, l’heure et sa signature.'],
    ['Le certificat de cession signé par vous deux.'],
    ['Le code de cession, obtenu quand il déclare la vente à l’ANTS.'],
    ['Le contrôle technique de moins de 6 mois si la voiture a plus de 4 ans.'],
    ['Un certificat de situation administrative récent, qui prouve que le véhicule n’est pas gagé.'],
  ),
  h('Ensuite'),
  ol(
    ['Assurez le véhicule avant de rouler.'],
    ['Faites la démarche sur le site de l’ANTS avec le code de cession et payez les taxes.'],
    ['Imprimez le certificat provisoire : il vous permet de circuler un mois en France.'],
    ['Attendez la carte définitive, envoyée par courrier sécurisé.'],
  ),
)

const registrationRevision = doc(
  ...registrationGuide.root.children,
  h('Combien ça coûte ?'),
  p(
    'La taxe régionale dépend de la puissance fiscale (chevaux fiscaux) et de votre région ; s’y ajoutent 11 € de taxe de gestion et 2,76 € d’acheminement. ',
    'Le simulateur de l’ANTS donne le montant exact avant de payer.',
  ),
)

const addressGuide = doc(
  p(
    'Le service en ligne de changement d’adresse de ',
    { text: 'Service-Public.fr', url: 'https://www.service-public.fr' },
    ' prévient plusieurs organismes en une fois. Il ne fait pas tout : gardez cette liste sous la main.',
  ),
  h('La semaine du déménagement'),
  ol(
    ['Déclarez la nouvelle adresse avec le service en ligne et cochez CAF, Assurance maladie, impôts, caisse de retraite, France Travail et fournisseurs d’énergie selon votre situation.'],
    ['Mettez à jour la carte grise sur le site de l’ANTS : gratuit, mais obligatoire dans le mois.'],
    ['Prévenez votre employeur, votre banque et votre assurance habitation.'],
  ),
  h('Dans les semaines qui suivent'),
  ul(
    ['Inscrivez-vous sur les listes électorales de votre nouvelle commune.'],
    ['Vérifiez que chaque organisme a bien pris en compte l’adresse (courriers, espace en ligne).'],
    ['Inutile de refaire la carte d’identité ou le passeport pour un changement d’adresse.'],
  ),
)

const birthCertificateGuide = doc(
  p(
    'L’acte de naissance est ',
    { bold: 'toujours gratuit' },
    '. Il se demande à la mairie de la commune de naissance ; les Français nés à l’étranger le demandent au Service central d’état civil, à Nantes.',
  ),
  h('Quel document demander ?'),
  ul(
    [{ bold: 'Copie intégrale' }, ' : tout l’acte, avec ses mentions (mariage, divorce…).'],
    [{ bold: 'Extrait avec filiation' }, ' : l’essentiel de l’acte et les noms des parents. Pour un mariage ou un Pacs, l’un ou l’autre est demandé.'],
    [{ bold: 'Extrait sans filiation' }, ' : sans les parents ; toute personne peut le demander.'],
  ),
  h('Avant de le demander'),
  p(
    'Pour une carte d’identité ou un passeport, la mairie vérifie le plus souvent l’état civil en ligne : vous n’avez alors aucun acte à fournir.',
  ),
  h('Attention aux sites payants'),
  p(
    'Des sites privés facturent la demande d’acte de naissance. Passez par le site de votre mairie ou par Service-Public.fr : c’est gratuit.',
  ),
)

/**
 * Guides for seven of the eight procedures: verified ones, one flagged for
 * review because it changed after verification, one with a citizen's edit
 * waiting for review, and unverified ones.
 */
export const demoGuides: readonly DemoGuide[] = [
  {
    body: passportGuide,
    procedure: 'renouveler-un-passeport',
    publishedBy: 'agentAnts',
    title: 'Renouveler son passeport sans perdre de temps',
    verifiedBy: 'agentAnts',
    votes: [
      { by: 'camille', value: 1 },
      { by: 'thomas', value: 1 },
    ],
  },
  {
    body: identityCardGuide,
    procedure: 'carte-nationale-d-identite',
    publishedBy: 'agentAnts',
    revision: { body: identityCardDraft, by: 'camille' },
    title: 'Carte d’identité : le renouvellement pas à pas',
    verifiedBy: 'agentAnts',
  },
  {
    body: incomeGuide,
    procedure: 'declarer-ses-revenus',
    publishedBy: 'editor',
    // An agent of another agency (the CAF): the edit waits as a draft for an editor.
    revision: { body: incomeRevision, by: 'agentCaf' },
    title: 'Déclarer ses revenus en ligne : l’essentiel',
    votes: [{ by: 'thomas', value: 1 }],
  },
  {
    body: housingAidGuide,
    procedure: 'aide-personnalisee-au-logement',
    publishedBy: 'agentCaf',
    title: 'Aide au logement : demander sans perdre un mois',
    verifiedBy: 'agentCaf',
    votes: [{ by: 'camille', value: 1 }],
  },
  {
    body: registrationGuide,
    procedure: 'certificat-d-immatriculation',
    publishedBy: 'agentAnts',
    revision: { body: registrationRevision, by: 'editor' },
    title: 'Carte grise d’un véhicule d’occasion : la check-list',
    verifiedBy: 'agentAnts',
  },
  {
    body: addressGuide,
    procedure: 'changement-d-adresse',
    publishedBy: 'editor',
    title: 'Déménagement : qui prévenir et dans quel ordre',
  },
  {
    body: birthCertificateGuide,
    procedure: 'acte-de-naissance',
    publishedBy: 'editor',
    title: 'Acte de naissance : lequel demander et où',
  },
]
