import type { NotificationKind, NotificationLanguage } from '../notifications/kinds.ts'

/** What a digest section counts (kept here so the translations need nothing from the digest job). */
type DigestSectionKey =
  | 'unanswered-questions'
  | 'to-validate'
  | 'guide-proposals'
  | 'guide-edits'
  | 'to-reverify'
  | 'wiki-drafts'
  | 'reports'

/** The words of the staff digests: each section's count, singular and plural (`{{count}}`). */
type DigestText = {
  sections: Record<DigestSectionKey, { one: string; other: string }>
  /** Between the counts of the in-app text. */
  separator: string
  intro: string
  /** After the items listed, when more wait: `{{count}}` more. */
  more: string
  seeAll: string
  openAdmin: string
}

/** What one kind of notification says: its title (the email's subject) and a sentence explaining it. */
type KindText = { title: string; body: string }

/** The words of notifications and their emails in one language. `{{title}}` is the item's public title. */
export type NotificationStrings = {
  kinds: Record<NotificationKind, KindText>
  digest: DigestText
  /** The grouped email of a window: its subject (`{{count}}` notifications, always more than one) and first line. */
  grouped: { subject: string; intro: string }
  /** Names of the kinds, as the preferences and the unsubscribe page show them. */
  kindNames: Record<NotificationKind, string>
  note: string
  open: string
  why: string
  unsubscribe: string
  /** In a grouped email, the link that stops one of its kinds only (`{{kind}}`, its name). */
  unsubscribeOne: string
  preferences: string
  unsubscribed: string
  unsubscribeInvalid: string
  greeting: string
  /** Between a label and its value: a no-break space before the colon in French. */
  colon: string
}

const fr: NotificationStrings = {
  colon: '\u00a0: ',
  digest: {
    intro: 'Voici ce qui vous attend aujourd’hui.',
    more: 'et {{count}} de plus',
    openAdmin: 'Ouvrir l’administration',
    sections: {
      'guide-edits': { one: '1 modification de guide à relire', other: '{{count}} modifications de guide à relire' },
      'guide-proposals': { one: '1 proposition de guide à examiner', other: '{{count}} propositions de guide à examiner' },
      reports: { one: '1 contenu signalé à examiner', other: '{{count}} contenus signalés à examiner' },
      'to-reverify': { one: '1 contenu à revérifier', other: '{{count}} contenus à revérifier' },
      'to-validate': { one: '1 réponse ou astuce à valider', other: '{{count}} réponses ou astuces à valider' },
      'unanswered-questions': { one: '1 question sans réponse', other: '{{count}} questions sans réponse' },
      'wiki-drafts': { one: '1 page wiki à publier', other: '{{count}} pages wiki à publier' },
    },
    seeAll: 'Tout voir',
    separator: ' · ',
  },
  greeting: 'Bonjour,',
  grouped: {
    intro: 'Voici ce qui s’est passé depuis notre dernier courriel.',
    subject: '{{count}} nouvelles notifications',
  },
  kindNames: {
    'agency-digest': 'le récapitulatif quotidien de mon organisme',
    'editor-digest': 'le récapitulatif quotidien des éditeurs',
    'answer-accepted': 'mes réponses acceptées',
    'answer-posted': 'les réponses à mes questions',
    'answer-promoted': 'mes réponses reprises dans une page officielle',
    'answer-validated': 'mes réponses validées par un agent',
    'contribution-hidden': 'mes contributions masquées par la modération',
    'contribution-published': 'mes contributions publiées après modération',
    'followed-update': 'l’activité de ce que je suis',
    'proposal-accepted': 'mes propositions de guide acceptées',
    'proposal-refused': 'mes propositions de guide refusées',
  },
  kinds: {
    'agency-digest': {
      body: 'Ce qui attend votre organisme.',
      title: 'Ce qui attend votre organisme',
    },
    'editor-digest': {
      body: 'Les brouillons à publier et les signalements ouverts.',
      title: 'Brouillons à publier et signalements ouverts',
    },
    'answer-accepted': {
      body: 'La personne qui a posé la question « {{title}} » a accepté votre réponse.',
      title: 'Votre réponse a été acceptée',
    },
    'answer-posted': {
      body: 'Quelqu’un a répondu à votre question « {{title}} ».',
      title: 'Nouvelle réponse à votre question',
    },
    'answer-promoted': {
      body: 'Votre réponse à « {{title}} » a été reprise dans une page officielle.',
      title: 'Votre réponse rejoint une page officielle',
    },
    'answer-validated': {
      body: 'Un agent a validé votre réponse à « {{title}} ».',
      title: 'Votre réponse a été validée par un agent',
    },
    'contribution-hidden': {
      body: 'Votre contribution « {{title}} » a été masquée par la modération.',
      title: 'Votre contribution a été masquée',
    },
    'contribution-published': {
      body: 'Votre contribution « {{title}} » a été relue et publiée.',
      title: 'Votre contribution est publiée',
    },
    'followed-update': {
      body: '« {{title}} », que vous suivez, a du nouveau.',
      title: 'Du nouveau sur ce que vous suivez',
    },
    'proposal-accepted': {
      body: 'Votre proposition de modification du guide « {{title}} » a été acceptée et publiée.',
      title: 'Votre proposition de guide est acceptée',
    },
    'proposal-refused': {
      body: 'Votre proposition de modification du guide « {{title}} » n’a pas été retenue.',
      title: 'Votre proposition de guide n’a pas été retenue',
    },
  },
  note: 'Message',
  open: 'Voir sur le site',
  preferences: 'Choisir ce que vous recevez',
  unsubscribe: 'Ne plus recevoir ces courriels',
  unsubscribeOne: 'Ne plus recevoir par courriel {{kind}}',
  unsubscribeInvalid: 'Ce lien de désinscription n’est pas valide. Gérez vos préférences depuis votre compte.',
  unsubscribed: 'C’est fait : vous ne recevrez plus de courriels pour {{kind}}. Les autres notifications ne changent pas.',
  why: 'Vous recevez ce courriel pour {{kind}}.',
}

const en: NotificationStrings = {
  colon: ': ',
  digest: {
    intro: 'Here is what waits for you today.',
    more: 'and {{count}} more',
    openAdmin: 'Open the admin panel',
    sections: {
      'guide-edits': { one: '1 guide edit to review', other: '{{count}} guide edits to review' },
      'guide-proposals': { one: '1 guide proposal to review', other: '{{count}} guide proposals to review' },
      reports: { one: '1 reported item to decide on', other: '{{count}} reported items to decide on' },
      'to-reverify': { one: '1 item to re-verify', other: '{{count}} items to re-verify' },
      'to-validate': { one: '1 answer or tip to validate', other: '{{count}} answers or tips to validate' },
      'unanswered-questions': { one: '1 question without an answer', other: '{{count}} questions without an answer' },
      'wiki-drafts': { one: '1 wiki page to publish', other: '{{count}} wiki pages to publish' },
    },
    seeAll: 'See all',
    separator: ' · ',
  },
  greeting: 'Hello,',
  grouped: {
    intro: 'Here is what happened since our last email.',
    subject: '{{count}} new notifications',
  },
  kindNames: {
    'agency-digest': 'my agency’s daily digest',
    'editor-digest': 'the editors’ daily digest',
    'answer-accepted': 'my accepted answers',
    'answer-posted': 'answers to my questions',
    'answer-promoted': 'my answers promoted into an official page',
    'answer-validated': 'my answers validated by an agent',
    'contribution-hidden': 'my contributions hidden by moderation',
    'contribution-published': 'my contributions published after moderation',
    'followed-update': 'activity on what I follow',
    'proposal-accepted': 'my accepted guide proposals',
    'proposal-refused': 'my refused guide proposals',
  },
  kinds: {
    'agency-digest': { body: 'What waits in your agency.', title: 'What waits in your agency' },
    'editor-digest': {
      body: 'Drafts to publish and open reports.',
      title: 'Drafts to publish and open reports',
    },
    'answer-accepted': {
      body: 'The person who asked “{{title}}” accepted your answer.',
      title: 'Your answer was accepted',
    },
    'answer-posted': { body: 'Someone answered your question “{{title}}”.', title: 'New answer to your question' },
    'answer-promoted': {
      body: 'Your answer to “{{title}}” is now part of an official page.',
      title: 'Your answer joins an official page',
    },
    'answer-validated': {
      body: 'An agent validated your answer to “{{title}}”.',
      title: 'Your answer was validated by an agent',
    },
    'contribution-hidden': {
      body: 'Your contribution “{{title}}” was hidden by moderation.',
      title: 'Your contribution was hidden',
    },
    'contribution-published': {
      body: 'Your contribution “{{title}}” was reviewed and published.',
      title: 'Your contribution is published',
    },
    'followed-update': { body: '“{{title}}”, which you follow, has news.', title: 'News on what you follow' },
    'proposal-accepted': {
      body: 'Your proposed change to the guide “{{title}}” was accepted and published.',
      title: 'Your guide proposal was accepted',
    },
    'proposal-refused': {
      body: 'Your proposed change to the guide “{{title}}” was not accepted.',
      title: 'Your guide proposal was not accepted',
    },
  },
  note: 'Message',
  open: 'Open on the website',
  preferences: 'Choose what you receive',
  unsubscribe: 'Stop these emails',
  unsubscribeOne: 'Stop emails for {{kind}}',
  unsubscribeInvalid: 'This unsubscribe link is not valid. Manage your preferences from your account.',
  unsubscribed: 'Done: you will no longer get emails for {{kind}}. Your other notifications do not change.',
  why: 'You get this email for {{kind}}.',
}

/** The notification strings in each language. */
export const notificationStrings: Readonly<Record<NotificationLanguage, NotificationStrings>> = { en, fr }

/** The names of some kinds as one phrase: "a, b et c", "a, b and c". */
export const kindNamesOf = (language: NotificationLanguage, kinds: readonly NotificationKind[]): string => {
  const names = kinds.map((kind) => notificationStrings[language].kindNames[kind])
  const last = names.pop() ?? ''
  return names.length === 0 ? last : `${names.join(', ')}${language === 'fr' ? ' et ' : ' and '}${last}`
}

/** Fills `{{name}}` placeholders. */
export const fillIn = (text: string, values: Record<string, string>): string =>
  text.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole)

/** How the admin panel names the values of the notification fields, in both languages. */
export const notificationValueLabels: Record<string, { en: string; fr: string }> = {
  answers: { en: 'Answer', fr: 'Réponse' },
  digests: { en: 'Daily digest', fr: 'Récapitulatif quotidien' },
  email: { en: 'Email and in the app', fr: 'Courriel et dans l’application' },
  empty: { en: 'Nothing left to send', fr: 'Plus rien à envoyer' },
  failed: { en: 'Failed', fr: 'Échec' },
  grouped: { en: 'Waiting for the grouped email', fr: 'En attente du courriel groupé' },
  'guide-proposals': { en: 'Guide proposal', fr: 'Proposition de guide' },
  guides: { en: 'Guide', fr: 'Guide' },
  'in-app': { en: 'In the app only', fr: 'Dans l’application seulement' },
  none: { en: 'None', fr: 'Aucun' },
  off: { en: 'Off', fr: 'Désactivé' },
  pending: { en: 'Pending', fr: 'En attente' },
  procedures: { en: 'Procedure', fr: 'Démarche' },
  sending: { en: 'Sending', fr: 'En cours d’envoi' },
  sent: { en: 'Sent', fr: 'Envoyé' },
  threads: { en: 'Question', fr: 'Question' },
  tips: { en: 'Tip', fr: 'Astuce' },
  unsubscribed: { en: 'Unsubscribed', fr: 'Désinscrit' },
  waiting: { en: 'Waiting for the end of the window', fr: 'En attente de la fin de la fenêtre' },
  'wiki-pages': { en: 'Wiki page', fr: 'Page wiki' },
}

/** The admin label of a value of a notification field (the value itself when it has none). */
export const valueLabel = (value: string): { en: string; fr: string } => notificationValueLabels[value] ?? { en: value, fr: value }

/** The admin label of a kind of notification: its name in each language. */
export const kindLabel = (kind: NotificationKind): { en: string; fr: string } => ({
  en: en.kinds[kind].title,
  fr: fr.kinds[kind].title,
})
