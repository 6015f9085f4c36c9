// Every word the widget shows, in French (the default) and English. Sentences
// that embed values are functions so that each language orders words its own way.

/** The languages of the widget. */
export type Lang = 'fr' | 'en'

/** Whether a value names a language of the widget. */
export const isLang = (value: unknown): value is Lang => value === 'fr' || value === 'en'

/** Labels of search result kinds; a kind the engine adds later simply shows no label. */
const frHitTypes: Record<string, string> = {
  guide: 'Guide',
  procedure: 'Démarche',
  thread: 'Question',
  tip: 'Astuce',
  wiki: 'Réponse officielle',
}

/**
 * How readers call an agency: the short name or acronym it gives in brackets
 * at the end of its name ("Agence nationale des titres sécurisés (ANTS)" →
 * "ANTS"), else its whole name.
 */
export const agencyShortName = (name: string): string => {
  const short = /\(([^()]+)\)\s*$/.exec(name)?.[1]?.trim()
  return short || name.trim()
}

/**
 * The person who validated, with their agency's short name in brackets
 * ("Nadia B. (ANTS)") unless their name already gives it; the agency alone
 * after `someone` when the person is unknown; null when neither is known.
 */
const validator = (agency: string | null, by: string | null, someone: string): string | null => {
  const short = agency ? agencyShortName(agency) : null
  if (by && short) return by.includes(`(${short})`) ? by : `${by} (${short})`
  if (by) return by
  return short ? `${someone} (${short})` : null
}

/** The fields of a procedure whose change is named in a re-verification notice. */
type ReverifiedField = 'cost' | 'delay' | 'officialUrl' | 'lastOfficialChange'

const frFieldNames: Record<ReverifiedField, string> = {
  cost: 'coût',
  delay: 'délai',
  lastOfficialChange: 'date du dernier changement officiel',
  officialUrl: 'page officielle',
}

const enFieldNames: Record<ReverifiedField, string> = {
  cost: 'cost',
  delay: 'time to complete',
  lastOfficialChange: 'date of the last official change',
  officialUrl: 'official page',
}

// --- Suggestions while asking a question (issue 11) ---
// Existing questions and official answers shown under the title of a question
// being typed, so that a question already answered is not asked twice.

const frSuggestions = {
  suggestionsTitle: 'Votre question a peut-être déjà une réponse',
  suggestionsHint: 'Ouvrez-la pour la lire ; vous pouvez aussi poser la vôtre.',
  suggestionsFound: (count: number) =>
    count === 1
      ? 'Une question ou réponse existante pourrait répondre à la vôtre, sous le titre.'
      : `${count} questions ou réponses existantes pourraient répondre à la vôtre, sous le titre.`,
}

const enSuggestions: typeof frSuggestions = {
  suggestionsTitle: 'Your question may already be answered',
  suggestionsHint: 'Open one to read it; you can still ask yours.',
  suggestionsFound: (count: number) =>
    count === 1
      ? 'An existing question or answer may answer yours, below the title.'
      : `${count} existing questions or answers may answer yours, below the title.`,
}

// --- end of suggestions ---

const fr = {
  ...frSuggestions,
  widgetTitle: 'Entraide entre usagers',
  widgetIntro: 'Réponses officielles, guide simplifié, astuces et questions des autres usagers sur cette démarche.',
  stepScope: (step: number, title: string | null) =>
    `Astuces et questions sur l’étape ${step + 1}${title ? ` : ${title}` : ''}.`,
  loading: 'Chargement de l’entraide…',
  unavailable:
    'L’entraide entre usagers est momentanément indisponible. Les informations officielles de cette page restent valables.',
  retry: 'Réessayer',
  notFound: 'Cette démarche n’a pas encore d’espace d’entraide.',

  officialTitle: 'La réponse officielle',
  officialBadge: 'Officiel',
  officialEmpty: 'Aucune réponse officielle n’a encore été publiée pour cette démarche.',
  provenance: (kind: 'answer' | 'tip', author: string | null) =>
    `${kind === 'answer' ? 'D’après une réponse' : 'D’après une astuce'}${author ? ` de ${author}` : ''}`,
  provenanceValidated: (agency: string | null, by: string | null, date: string | null) => {
    const who = validator(agency, by, 'un agent public')
    return `, validée${date ? ` le ${date}` : ''}${who ? ` par ${who}` : ''}`
  },
  provenanceLink: 'voir la discussion d’origine',
  contributors: 'Avec les contributions de',

  guideTitle: 'Le guide simplifié',
  guideEmpty: 'Personne n’a encore écrit de guide simplifié pour cette démarche.',
  guideVerified: (date: string, by: string | null = null, agency: string | null = null) =>
    `Vérifié${date ? ` le ${date}` : ''} par ${validator(agency, by, 'un agent public') ?? 'un agent public'}.`,
  guideNeedsReview: 'À revoir : la démarche ou le guide a changé depuis la dernière vérification par un agent.',
  guideUnverified: 'Pas encore vérifié par un agent.',
  guideImprove: 'Améliorer ce guide',
  guideWrite: 'Écrire le guide',
  guideAdminHint: '(s’ouvre dans l’espace contributeurs)',
  guidePendingEdit: 'Votre modification de ce guide est en attente de relecture.',

  tipsTitle: 'Les meilleures astuces',
  tipsEmpty: 'Aucune astuce pour le moment.',
  tipValidated: 'Validée',
  tipAdd: 'Partager une astuce',
  tipBody: 'Votre astuce',
  tipBodyHint: 'De 10 à 1 000 caractères. N’indiquez aucune donnée personnelle (numéro fiscal, IBAN, téléphone…).',
  tipSubmit: 'Publier l’astuce',
  tipPublished: 'Merci, votre astuce est publiée.',
  tipPending: 'Merci, votre astuce est enregistrée : elle sera visible par tous après relecture.',

  questionsTitle: 'Les questions des usagers',
  questionsEmpty: 'Aucune question pour le moment. Soyez la première personne à en poser une.',
  ask: 'Poser une question',
  askTitle: 'Votre question en une phrase',
  askTitleHint: 'De 10 à 200 caractères.',
  askBody: 'Détails',
  askBodyHint: 'Expliquez votre situation. N’indiquez aucune donnée personnelle (numéro fiscal, IBAN, téléphone…).',
  askSubmit: 'Publier la question',
  askPublished: 'Merci, votre question est publiée.',
  askPending: 'Merci, votre question est enregistrée : elle sera visible par tous après relecture.',
  answer: 'Répondre',
  answerBody: 'Votre réponse',
  answerBodyHint: 'De 10 à 5 000 caractères. N’indiquez aucune donnée personnelle (numéro fiscal, IBAN, téléphone…).',
  answerSubmit: 'Publier la réponse',
  answerPublished: 'Merci, votre réponse est publiée.',
  answerPending: 'Merci, votre réponse est enregistrée : elle sera visible par tous après relecture.',
  answersCount: (count: number) =>
    count === 0 ? 'Pas encore de réponse' : count === 1 ? '1 réponse' : `${count} réponses`,
  otherAnswers: (count: number) => (count === 1 ? 'Voir l’autre réponse' : `Voir les ${count} autres réponses`),
  accept: 'Accepter cette réponse',
  acceptDone: 'Vous avez accepté cette réponse.',
  accepted: 'Acceptée par la personne qui a posé la question.',
  answerAccepted: 'Acceptée',
  answerValidated: 'Validée',
  guideVerifiedBadge: 'Vérifié',
  guideNeedsReviewBadge: 'À revoir',
  // "Was this helpful?"
  helpfulQuestion: 'Cela vous a-t-il été utile ?',
  helpfulYes: 'Oui',
  helpfulNo: 'Non',
  helpfulWhyNot: 'Pourquoi ?',
  helpfulReasons: {
    'did-not-answer': 'Cela ne répond pas à ma question',
    other: 'Autre raison',
    'out-of-date': 'Ce n’est plus à jour',
    unclear: 'Ce n’est pas clair',
  },
  helpfulNote: 'Précisez en quelques mots',
  helpfulNoteHint: 'Jusqu’à 300 caractères. N’indiquez aucune donnée personnelle (numéro de sécurité sociale, téléphone…).',
  helpfulSend: 'Envoyer mon avis',
  helpfulThanks: 'Merci pour votre avis : il aide à améliorer ces réponses.',
  // Re-verification: an item whose procedure changed, or whose verification expired.
  reverifyBadge: 'À re-vérifier',
  reverifyProcedureChanged:
    'La démarche a changé depuis la dernière vérification par un agent : ce contenu attend d’être re-vérifié et peut ne plus être exact.',
  reverifyExpired:
    'La dernière vérification par un agent est ancienne : ce contenu attend d’être re-vérifié et peut ne plus être exact.',
  reverifyWhatChanged: 'Ce qui a changé dans la démarche :',
  reverifyStepAdded: (number: number, title: string) => `étape ${number} ajoutée : « ${title} »`,
  reverifyStepRemoved: (number: number, title: string) => `étape ${number} supprimée : « ${title} »`,
  reverifyStepChanged: (number: number, title: string, previousTitle: string | null) =>
    previousTitle && previousTitle !== title
      ? `étape ${number} modifiée : « ${previousTitle} » devient « ${title} »`
      : `étape ${number} modifiée : « ${title} »`,
  reverifyStepMoved: (number: number, previousNumber: number, title: string) =>
    `étape « ${title} » déplacée de la position ${previousNumber} à ${number}`,
  reverifyDocuments: (added: string[], removed: string[]) =>
    [
      added.length > 0 ? `documents ajoutés : ${added.join(', ')}` : '',
      removed.length > 0 ? `documents retirés : ${removed.join(', ')}` : '',
    ]
      .filter(Boolean)
      .join(' ; '),
  reverifyField: (field: ReverifiedField, before: string | null, after: string | null) =>
    `${frFieldNames[field]} : ${before ?? '(vide)'} → ${after ?? '(vide)'}`,
  threadResolved: 'Résolue',
  threadAnswered: 'Réponse acceptée',
  threadOpen: 'En attente de réponse',
  threadClosed: 'Fermée',
  threadHasAnswers: 'Répondue, sans réponse acceptée',
  validatedBy: (agency: string | null, by: string | null, date: string) =>
    `Validée${date ? ` le ${date}` : ''} par ${validator(agency, by, 'un agent public') ?? 'un agent public'}.`,
  stepLabel: (step: number) => `Étape ${step + 1}`,

  pending: 'En attente de relecture',
  pendingHint: 'Visible seulement par vous jusqu’à sa relecture.',
  hidden: 'Masqué par la modération',
  hiddenHint: (reason: string | null) =>
    `Visible seulement par vous.${reason ? ` Motif : ${reason}` : ''} Vous pouvez le corriger ou écrire à l’équipe éditoriale.`,
  byline: (author: string | null, date: string) => `${author ?? 'Compte supprimé'}, le ${date}`,
  roleAgent: 'agent public',
  roleEditor: 'équipe éditoriale',

  voteGroup: 'Cette contribution vous a-t-elle aidé ?',
  voteUp: 'Utile',
  voteDown: 'Pas utile',
  score: (score: number) => `Score : ${score}`,
  /** Completes a repeated button's name with its item ("Utile" → "Utile : Prenez rendez-vous…"). */
  ofItem: (item: string) => ` : ${item}`,
  voteRecorded: (vote: -1 | 0 | 1, score: number) =>
    `${vote === 0 ? 'Vote retiré.' : `Vote « ${vote === 1 ? 'Utile' : 'Pas utile'} » enregistré.`} Score : ${score}.`,
  report: 'Signaler',
  reportTitle: 'Signaler un contenu',
  reportReason: 'Motif',
  reportReasons: {
    spam: 'Publicité ou spam',
    abuse: 'Propos abusifs',
    'personal-data': 'Contient des données personnelles',
    'wrong-information': 'Information erronée',
    other: 'Autre motif',
  },
  reportNote: 'Précisions (facultatif)',
  reportSubmit: 'Envoyer le signalement',
  reportDone: 'Merci, votre signalement a été transmis à l’équipe de modération.',
  cancel: 'Annuler',

  searchLabel: 'Rechercher dans l’entraide',
  searchHint: 'Les résultats s’affichent pendant la saisie.',
  searchWiden: 'Chercher dans toutes les démarches',
  searchSubmit: 'Rechercher',
  searching: 'Recherche en cours…',
  searchResults: (count: number, query: string) =>
    count === 0
      ? `Aucun résultat pour « ${query} ».`
      : count === 1
        ? `1 résultat pour « ${query} ».`
        : `${count.toLocaleString('fr-FR')} résultats pour « ${query} ».`,
  /** When the search engine stopped counting at `count`. */
  searchResultsMoreThan: (count: number, query: string) =>
    `Plus de ${count.toLocaleString('fr-FR')} résultats pour « ${query} ».`,
  searchFailed: 'La recherche est momentanément indisponible.',
  searchResultsLabel: 'Résultats de la recherche',
  hitTypes: frHitTypes,
  validatedBadge: 'Validé par un agent',
  searchShown: (shown: number, total: number) =>
    `${shown.toLocaleString('fr-FR')} affichés sur ${total.toLocaleString('fr-FR')}.`,
  searchMore: 'Afficher plus de résultats',
  searchNothingHere: (query: string) => `Aucun résultat pour « ${query} » dans cette démarche.`,
  searchEverywhere: (query: string) => `Chercher « ${query} » dans toutes les démarches`,
  hitOpen: 'Lire la page',
  hitClose: 'Refermer la page',
  hitLoading: 'Chargement de la page…',
  hitUnavailable: 'Cette page n’est plus disponible.',

  signIn: 'Se connecter',
  signInToContribute: 'Connectez-vous pour poser une question, répondre, voter ou signaler.',
  signUp: 'Créer un compte',
  signOut: 'Se déconnecter',
  signedInAs: (name: string) => `Connecté·e en tant que ${name}`,
  notificationsLabel: (unread: number) =>
    `Notifications, ${unread === 0 ? 'aucune non lue' : `${unread.toLocaleString('fr-FR')} non lue${unread > 1 ? 's' : ''}`}`,
  notifications: 'Notifications',
  notificationsTitle: 'Vos notifications',
  notificationsLoading: 'Chargement de vos notifications…',
  notificationsEmpty: 'Vous n’avez aucune notification pour le moment.',
  notificationUnread: 'Non lue',
  notificationMarkRead: 'Marquer comme lu',
  notificationsMarkAllRead: 'Tout marquer comme lu',
  dialogSignInTitle: 'Se connecter',
  dialogSignUpTitle: 'Créer un compte',
  switchToSignUp: 'Pas encore de compte ? Créer un compte',
  switchToSignIn: 'Déjà un compte ? Se connecter',
  email: 'Adresse électronique',
  emailHint: 'Format attendu : nom@domaine.fr. Elle n’est jamais affichée publiquement.',
  password: 'Mot de passe',
  passwordHint: 'Choisissez un mot de passe long, que vous n’utilisez nulle part ailleurs.',
  displayName: 'Nom affiché publiquement',
  displayNameHint: 'Un prénom ou un pseudonyme, de 2 à 60 caractères.',
  close: 'Fermer',
  signInFailed:
    'Adresse électronique ou mot de passe incorrect, ou adresse pas encore confirmée : dans ce cas, ouvrez le lien du message reçu à la création du compte (un nouveau vient de partir si le mot de passe est le bon).',

  required: '(obligatoire)',
  newWindow: '(nouvelle fenêtre)',
  errorPrefix: 'Erreur :',
  networkError: 'Le service ne répond pas. Vérifiez votre connexion puis réessayez.',
  errorSignedOut:
    'Vous n’êtes plus connecté·e : votre session a sans doute expiré. Reconnectez-vous puis envoyez de nouveau ; ce que vous avez écrit est conservé.',
  errorSuspended: (reason: string | null) =>
    `Votre compte est suspendu : vous pouvez lire, mais plus contribuer.${reason ? ` Motif : ${reason}` : ''}`,
  errorForbidden: 'Votre compte ne permet pas de faire cela.',
  errorGone: 'Cet élément n’existe plus ou n’est plus visible. Rechargez la page.',
  errorConflict:
    'Ce n’est plus possible : la discussion a changé entre-temps (fermée, masquée ou déjà traitée). Rechargez la page.',
  errorTooLarge: 'Le texte envoyé est trop long.',
  errorServer: 'Le service a rencontré un problème. Réessayez dans un instant.',
  errorInvalid: 'La demande n’a pas pu être traitée. Vérifiez ce que vous avez saisi.',
  errorCheckFields: 'Vérifiez ce qui suit.',
  lengthBetween: (label: string, min: number, max: number) =>
    `« ${label} » : de ${min.toLocaleString('fr-FR')} à ${max.toLocaleString('fr-FR')} caractères.`,
  fieldInvalid: (label: string) => `« ${label} » n’est pas valide.`,
  signUpRefused:
    'Impossible de créer un compte avec ces informations. Si vous avez déjà un compte, connectez-vous ou réinitialisez votre mot de passe.',
  checkMailbox: (email: string) =>
    `Consultez votre boîte de réception : nous avons écrit à ${email}. Ouvrez le lien du message pour terminer, puis connectez-vous ici.`,
  errorUnconfirmed:
    'Confirmez d’abord votre adresse e-mail : ouvrez le lien du message reçu à la création de votre compte.',
  sending: 'Envoi…',
}

/** The shape every language provides. */
export type Strings = typeof fr

const en: Strings = {
  ...enSuggestions,
  widgetTitle: 'Help from other users',
  widgetIntro: 'Official answers, a simplified guide, tips and questions from other users about this procedure.',
  stepScope: (step, title) => `Tips and questions about step ${step + 1}${title ? `: ${title}` : ''}.`,
  loading: 'Loading community help…',
  unavailable: 'Community help is unavailable at the moment. The official information on this page remains valid.',
  retry: 'Try again',
  notFound: 'This procedure has no community space yet.',

  officialTitle: 'The official answer',
  officialBadge: 'Official',
  officialEmpty: 'No official answer has been published for this procedure yet.',
  provenance: (kind, author) =>
    `${kind === 'answer' ? 'From an answer' : 'From a tip'}${author ? ` by ${author}` : ''}`,
  provenanceValidated: (agency, by, date) => {
    const who = validator(agency, by, 'a public agent')
    return `, validated${date ? ` on ${date}` : ''}${who ? ` by ${who}` : ''}`
  },
  provenanceLink: 'see the original discussion',
  contributors: 'With contributions from',

  guideTitle: 'The simplified guide',
  guideEmpty: 'Nobody has written a simplified guide for this procedure yet.',
  guideVerified: (date, by = null, agency = null) =>
    `Verified${date ? ` on ${date}` : ''} by ${validator(agency, by, 'a public agent') ?? 'a public agent'}.`,
  guideNeedsReview: 'Needs review: the procedure or the guide changed since an agent last verified it.',
  guideUnverified: 'Not verified by an agent yet.',
  guideImprove: 'Improve this guide',
  guideWrite: 'Write the guide',
  guideAdminHint: '(opens in the contributors’ area)',
  guidePendingEdit: 'Your edit of this guide is waiting for review.',

  tipsTitle: 'Best tips',
  tipsEmpty: 'No tips yet.',
  tipValidated: 'Validated',
  tipAdd: 'Share a tip',
  tipBody: 'Your tip',
  tipBodyHint: '10 to 1,000 characters. Do not include personal data (tax number, IBAN, phone…).',
  tipSubmit: 'Publish the tip',
  tipPublished: 'Thank you, your tip is published.',
  tipPending: 'Thank you, your tip is saved: everyone will see it once it has been reviewed.',

  questionsTitle: 'Questions from users',
  questionsEmpty: 'No questions yet. Be the first to ask one.',
  ask: 'Ask a question',
  askTitle: 'Your question in one sentence',
  askTitleHint: '10 to 200 characters.',
  askBody: 'Details',
  askBodyHint: 'Describe your situation. Do not include personal data (tax number, IBAN, phone…).',
  askSubmit: 'Publish the question',
  askPublished: 'Thank you, your question is published.',
  askPending: 'Thank you, your question is saved: everyone will see it once it has been reviewed.',
  answer: 'Answer',
  answerBody: 'Your answer',
  answerBodyHint: '10 to 5,000 characters. Do not include personal data (tax number, IBAN, phone…).',
  answerSubmit: 'Publish the answer',
  answerPublished: 'Thank you, your answer is published.',
  answerPending: 'Thank you, your answer is saved: everyone will see it once it has been reviewed.',
  answersCount: (count) => (count === 0 ? 'No answer yet' : count === 1 ? '1 answer' : `${count} answers`),
  otherAnswers: (count) => (count === 1 ? 'See the other answer' : `See the ${count} other answers`),
  accept: 'Accept this answer',
  acceptDone: 'You accepted this answer.',
  accepted: 'Accepted by the person who asked.',
  answerAccepted: 'Accepted',
  answerValidated: 'Validated',
  guideVerifiedBadge: 'Verified',
  guideNeedsReviewBadge: 'Needs review',
  helpfulQuestion: 'Was this helpful?',
  helpfulYes: 'Yes',
  helpfulNo: 'No',
  helpfulWhyNot: 'Why not?',
  helpfulReasons: {
    'did-not-answer': 'It did not answer my question',
    other: 'Another reason',
    'out-of-date': 'It is out of date',
    unclear: 'It is unclear',
  },
  helpfulNote: 'Say it in a few words',
  helpfulNoteHint: 'Up to 300 characters. Give no personal data (social security number, phone…).',
  helpfulSend: 'Send my feedback',
  helpfulThanks: 'Thank you: your feedback helps improve these answers.',
  reverifyBadge: 'To re-verify',
  reverifyProcedureChanged:
    'The procedure changed since an agent last checked this: it is waiting to be re-verified and may no longer be accurate.',
  reverifyExpired: 'An agent last checked this long ago: it is waiting to be re-verified and may no longer be accurate.',
  reverifyWhatChanged: 'What changed in the procedure:',
  reverifyStepAdded: (number, title) => `step ${number} added: “${title}”`,
  reverifyStepRemoved: (number, title) => `step ${number} removed: “${title}”`,
  reverifyStepChanged: (number, title, previousTitle) =>
    previousTitle && previousTitle !== title
      ? `step ${number} changed: “${previousTitle}” is now “${title}”`
      : `step ${number} changed: “${title}”`,
  reverifyStepMoved: (number, previousNumber, title) => `step “${title}” moved from position ${previousNumber} to ${number}`,
  reverifyDocuments: (added, removed) =>
    [
      added.length > 0 ? `documents added: ${added.join(', ')}` : '',
      removed.length > 0 ? `documents removed: ${removed.join(', ')}` : '',
    ]
      .filter(Boolean)
      .join('; '),
  reverifyField: (field, before, after) => `${enFieldNames[field]}: ${before ?? '(empty)'} → ${after ?? '(empty)'}`,
  threadResolved: 'Resolved',
  threadAnswered: 'Answer accepted',
  threadOpen: 'Waiting for an answer',
  threadClosed: 'Closed',
  threadHasAnswers: 'Answered, no answer accepted yet',
  validatedBy: (agency, by, date) =>
    `Validated${date ? ` on ${date}` : ''} by ${validator(agency, by, 'a public agent') ?? 'a public agent'}.`,
  stepLabel: (step) => `Step ${step + 1}`,

  pending: 'Waiting for review',
  pendingHint: 'Only you can see it until it has been reviewed.',
  hidden: 'Hidden by a moderator',
  hiddenHint: (reason) =>
    `Only you can see it.${reason ? ` Reason: ${reason}` : ''} You can correct it or write to the editorial team.`,
  byline: (author, date) => `${author ?? 'Deleted account'}, ${date}`,
  roleAgent: 'public agent',
  roleEditor: 'editorial team',

  voteGroup: 'Did this help you?',
  voteUp: 'Helpful',
  voteDown: 'Not helpful',
  score: (score) => `Score: ${score}`,
  ofItem: (item) => `: ${item}`,
  voteRecorded: (vote, score) =>
    `${vote === 0 ? 'Vote withdrawn.' : `“${vote === 1 ? 'Helpful' : 'Not helpful'}” vote recorded.`} Score: ${score}.`,
  report: 'Report',
  reportTitle: 'Report content',
  reportReason: 'Reason',
  reportReasons: {
    spam: 'Advertising or spam',
    abuse: 'Abusive content',
    'personal-data': 'Contains personal data',
    'wrong-information': 'Wrong information',
    other: 'Other reason',
  },
  reportNote: 'Details (optional)',
  reportSubmit: 'Send the report',
  reportDone: 'Thank you, your report was sent to the moderation team.',
  cancel: 'Cancel',

  searchLabel: 'Search community help',
  searchHint: 'Results appear as you type.',
  searchWiden: 'Search all procedures',
  searchSubmit: 'Search',
  searching: 'Searching…',
  searchResults: (count, query) =>
    count === 0
      ? `No results for “${query}”.`
      : count === 1
        ? `1 result for “${query}”.`
        : `${count.toLocaleString('en-GB')} results for “${query}”.`,
  searchResultsMoreThan: (count, query) => `More than ${count.toLocaleString('en-GB')} results for “${query}”.`,
  searchFailed: 'Search is unavailable at the moment.',
  searchResultsLabel: 'Search results',
  hitTypes: { procedure: 'Procedure', guide: 'Guide', wiki: 'Official answer', tip: 'Tip', thread: 'Question' },
  validatedBadge: 'Validated by an agent',
  searchShown: (shown: number, total: number) =>
    `Showing ${shown.toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')}.`,
  searchMore: 'Show more results',
  searchNothingHere: (query: string) => `No results for “${query}” in this procedure.`,
  searchEverywhere: (query: string) => `Search “${query}” in all procedures`,
  hitOpen: 'Read the page',
  hitClose: 'Close the page',
  hitLoading: 'Loading the page…',
  hitUnavailable: 'This page is no longer available.',

  signIn: 'Sign in',
  signInToContribute: 'Sign in to ask a question, answer, vote or report.',
  signUp: 'Create an account',
  signOut: 'Sign out',
  signedInAs: (name) => `Signed in as ${name}`,
  notificationsLabel: (unread) =>
    `Notifications, ${unread === 0 ? 'none unread' : `${unread.toLocaleString('en-GB')} unread`}`,
  notifications: 'Notifications',
  notificationsTitle: 'Your notifications',
  notificationsLoading: 'Loading your notifications…',
  notificationsEmpty: 'You have no notifications yet.',
  notificationUnread: 'Unread',
  notificationMarkRead: 'Mark as read',
  notificationsMarkAllRead: 'Mark all as read',
  dialogSignInTitle: 'Sign in',
  dialogSignUpTitle: 'Create an account',
  switchToSignUp: 'No account yet? Create one',
  switchToSignIn: 'Already have an account? Sign in',
  email: 'Email address',
  emailHint: 'Expected format: name@domain.com. It is never shown publicly.',
  password: 'Password',
  passwordHint: 'Choose a long password that you use nowhere else.',
  displayName: 'Public display name',
  displayNameHint: 'A first name or a nickname, 2 to 60 characters.',
  close: 'Close',
  signInFailed:
    'Wrong email address or password, or an address not confirmed yet: then open the link of the email sent when the account was created (a new one is on its way if the password is right).',

  required: '(required)',
  newWindow: '(new window)',
  errorPrefix: 'Error:',
  networkError: 'The service does not respond. Check your connection and try again.',
  errorSignedOut:
    'You are no longer signed in: your session has probably expired. Sign in again, then send again; what you wrote is kept.',
  errorSuspended: (reason: string | null) =>
    `Your account is suspended: you can read but no longer contribute.${reason ? ` Reason: ${reason}` : ''}`,
  errorForbidden: 'Your account does not allow this.',
  errorGone: 'This item no longer exists or is no longer visible. Reload the page.',
  errorConflict:
    'This is no longer possible: the discussion changed meanwhile (closed, hidden or already handled). Reload the page.',
  errorTooLarge: 'The text sent is too long.',
  errorServer: 'The service ran into a problem. Try again in a moment.',
  errorInvalid: 'The request could not be handled. Check what you typed.',
  errorCheckFields: 'Check the following.',
  lengthBetween: (label: string, min: number, max: number) =>
    `“${label}”: ${min.toLocaleString('en-GB')} to ${max.toLocaleString('en-GB')} characters.`,
  fieldInvalid: (label: string) => `“${label}” is not valid.`,
  signUpRefused:
    'An account cannot be created with these details. If you already have an account, sign in or reset your password.',
  checkMailbox: (email: string) =>
    `Check your mailbox: we wrote to ${email}. Open the link in that email to finish, then sign in here.`,
  errorUnconfirmed: 'Confirm your email address first: open the link in the email sent when you created your account.',
  sending: 'Sending…',
}

const dictionaries: Record<Lang, Strings> = { en, fr }

/** The strings of a language; French for anything unknown. */
export const stringsFor = (lang: unknown): Strings => dictionaries[isLang(lang) ? lang : 'fr']

/** A date as readers of the language write it (`3 mars 2026`, `3 March 2026`); empty when unreadable. */
export const formatDate = (iso: string | null | undefined, lang: Lang): string => {
  if (!iso) return ''
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return ''
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'fr-FR', {
    dateStyle: 'long',
    timeZone: 'Europe/Paris',
  }).format(date)
}
