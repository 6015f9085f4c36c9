/**
 * How far around an identifier the words that name it are looked for. People
 * write « mon numéro d'allocataire CAF est le 1234567 » more often than
 * « 1234567, mon numéro d'allocataire », hence the longer reach before.
 */
const reachBefore = 80
const reachAfter = 60

/** Lowercase, without accents, with typographic apostrophes made plain, so patterns stay simple. */
export function normalizeForContext(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[’ʼ‘`´]/g, "'")
    .toLowerCase()
}

/**
 * Distance in characters between an identifier and the nearest word matching
 * `pattern` around it, or `undefined` when none is within reach. The pattern
 * runs on normalised text (see {@link normalizeForContext}) and must be global.
 */
export function contextDistance({
  text,
  start,
  end,
  pattern,
}: {
  text: string
  start: number
  end: number
  pattern: RegExp
}): number | undefined {
  const beforeStart = Math.max(0, start - reachBefore)
  const before = normalizeForContext(text.slice(beforeStart, start))
  const after = normalizeForContext(text.slice(end, end + reachAfter))
  let nearest: number | undefined
  for (const match of before.matchAll(pattern)) {
    const distance = before.length - (match.index + match[0].length)
    nearest = nearest === undefined ? distance : Math.min(nearest, distance)
  }
  for (const match of after.matchAll(pattern)) {
    nearest = nearest === undefined ? match.index : Math.min(nearest, match.index)
    break
  }
  return nearest
}

/**
 * Words that name a CAF claimant number: « allocataire » on its own, or
 * « CAF » with a word saying a number follows (« numéro CAF », « dossier CAF »),
 * since « la CAF a versé 1234567 … » is about the institution, not a claimant.
 */
export const cafContext =
  /\b(?:allocataires?\b|allocations? familiales\b|(?:(?:numero|no|dossier|identifiant|matricule)\b|n°).{0,30}\bcaf\b|caf\b.{0,30}(?:\b(?:numero|no|dossier|identifiant|matricule)\b|n°))/g

/** Words that name an identity card. */
export const identityCardContext =
  /\b(?:cni|carte (?:nationale )?d'?\s?identite|carte d'id|piece d'?\s?identite|identity card|id card|national id)\b/g

/** Words that name a passport. */
export const passportContext = /\b(?:passe?ports?)\b/g

/**
 * Words that introduce some other reference (an appointment, a file, a parcel):
 * when one sits nearer than the document's name, the number is that reference.
 */
export const otherReferenceContext =
  /\b(?:rendez-vous|rdv|reservation|confirmation|pre-?demande|demande|dossier|reference|ref|suivi|commande|ticket|facture)\b/g

/**
 * Words counting things: « 1250000 allocataires », « 1234567 foyers ». A
 * number right before one of them is a quantity.
 */
export const countedAfter =
  /^[ \u00a0\u202f]+(?:allocataires|foyers|familles|personnes|beneficiaires|dossiers|habitants|demandes|enfants|euros)\b/

/**
 * How far around a number the words naming its kind are looked for when its
 * key is wrong: the label people put right before it (« NIR : », « mon
 * numéro fiscal est le ») or just after it (« …, c'est mon IBAN »).
 */
const labelReachBefore = 50
const labelReachAfter = 40

/**
 * Whether words matching `pattern` (a non-global pattern run on normalised
 * text, see {@link normalizeForContext}) sit just before or just after the
 * characters from `start` to `end`.
 */
export function isLabelled({
  text,
  start,
  end,
  pattern,
}: {
  text: string
  start: number
  end: number
  pattern: RegExp
}): boolean {
  return (
    pattern.test(normalizeForContext(text.slice(Math.max(0, start - labelReachBefore), start))) ||
    pattern.test(normalizeForContext(text.slice(end, end + labelReachAfter)))
  )
}

/** Words naming a social-security number. */
export const nirLabel =
  /\b(?:nir|n\.i\.r|securite sociale|secu|carte vitale|(?:numero|n°|no|num) (?:d'|de l')?(?:insee|ss|s\.s|assure|immatriculation)|assur(?:e|ee) soci(?:al|ale|aux)|assurance maladie)\b/

/** Words naming a tax number. */
export const taxNumberLabel =
  /\b(?:(?:numero|n°|no|num|identifiant|id|ident) (?:d'identification )?fiscale?|numero de contribuable|spi|nif|(?:numero|n°|no|identifiant) (?:de )?(?:tele)?declarant)\b/

/** Words naming an IBAN. */
export const ibanLabel =
  /\b(?:iban|rib|bic|coordonnees bancaires|releve d'identite bancaire|compte (?:bancaire|en banque|courant)|numero de compte)\b/
