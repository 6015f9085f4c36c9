import { fillIn, kindNamesOf, notificationStrings } from '../translations/notifications.ts'
import { escapeHtml } from '../utilities/html.ts'
import type { NotificationKind, NotificationLanguage } from './kinds.ts'

/** An email ready for `payload.sendEmail`. */
export type NotificationEmail = {
  to: string
  subject: string
  text: string
  html: string
  headers: Record<string, string>
}

const linkHtml = (href: string, label: string): string =>
  `<a href="${escapeHtml(href)}" style="color: #000091;">${escapeHtml(label)}</a>`

/**
 * What every notification email shares around its own content: the greeting
 * first; last, why the person gets it and the one-click unsubscribe of RFC
 * 8058 (`List-Unsubscribe` with an HTTPS link, and `List-Unsubscribe-Post`)
 * for the kinds it is about, in plain text and HTML alike, and a link per
 * kind when there are several, to stop only one of them.
 */
const withEnvelope = ({
  htmlContent,
  kinds,
  language,
  textLines,
  title,
  to,
  unsubscribeUrl,
  unsubscribeUrlOfKind,
}: {
  to: string
  kinds: readonly NotificationKind[]
  language: NotificationLanguage
  title: string
  /** The content's lines of plain text, after the greeting. */
  textLines: string[]
  /** The content in HTML, after the greeting. */
  htmlContent: string
  unsubscribeUrl: string
  /** With several kinds: the address that stops one of them only. */
  unsubscribeUrlOfKind?: (kind: NotificationKind) => string
}): NotificationEmail => {
  const strings = notificationStrings[language]
  const why = fillIn(strings.why, { kind: kindNamesOf(language, kinds) })
  const each =
    kinds.length > 1 && unsubscribeUrlOfKind
      ? kinds.map((kind) => ({
          label: fillIn(strings.unsubscribeOne, { kind: strings.kindNames[kind] }),
          url: unsubscribeUrlOfKind(kind),
        }))
      : []
  const text = [
    strings.greeting,
    '',
    ...textLines,
    '',
    '—',
    why,
    `${strings.unsubscribe}${strings.colon}${unsubscribeUrl}`,
    ...each.map((one) => `${one.label}${strings.colon}${one.url}`),
    '',
  ].join('\n')
  const eachHtml =
    each.length === 0
      ? ''
      : `\n<ul style="font-size: 0.875em;">\n${each.map((one) => `<li>${linkHtml(one.url, one.label)}</li>`).join('\n')}\n</ul>`
  const html = `<!doctype html>
<html lang="${language}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(title)}</title></head>
<body style="font-family: system-ui, sans-serif; font-size: 16px; line-height: 1.5; color: #1e1e1e; max-width: 40em;">
<h1 style="font-size: 1.25em;">${escapeHtml(title)}</h1>
<p>${escapeHtml(strings.greeting)}</p>
${htmlContent}
<hr>
<p style="font-size: 0.875em;">${escapeHtml(why)} ${linkHtml(unsubscribeUrl, strings.unsubscribe)}</p>${eachHtml}
</body>
</html>
`
  return {
    headers: {
      'List-Unsubscribe': `<${unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
    html,
    subject: title,
    text,
    to,
  }
}

/**
 * The email of one notification, in the recipient's language: plain text and
 * HTML saying the same, the link back to the item, and the one-click
 * unsubscribe of RFC 8058 (`List-Unsubscribe` with an HTTPS link, and
 * `List-Unsubscribe-Post`) for this kind only. It holds the item's public
 * title and the staff's note, never anyone's name or address but the
 * recipient's own, to which it is sent.
 */
export const notificationEmail = ({
  body,
  kind,
  language,
  link,
  note,
  title,
  to,
  unsubscribeUrl,
}: {
  to: string
  kind: NotificationKind
  language: NotificationLanguage
  title: string
  body: string
  note: string | null
  link: string | null
  unsubscribeUrl: string
}): NotificationEmail => {
  const strings = notificationStrings[language]
  return withEnvelope({
    htmlContent: [
      `<p>${escapeHtml(body)}</p>`,
      note
        ? `<blockquote style="border-left: 4px solid #6a6a6a; margin: 0; padding-left: 1em;"><p><strong>${escapeHtml(strings.note)}</strong>${escapeHtml(strings.colon)}${escapeHtml(note)}</p></blockquote>`
        : '',
      link ? `<p>${linkHtml(link, strings.open)}</p>` : '',
    ].join('\n'),
    kinds: [kind],
    language,
    textLines: [
      body,
      ...(note ? ['', `${strings.note}${strings.colon}${note}`] : []),
      ...(link ? ['', `${strings.open}${strings.colon}${link}`] : []),
    ],
    title,
    to,
    unsubscribeUrl,
  })
}

/** One section of a digest, with its words and full addresses. */
export type DigestEmailSection = {
  label: string
  link: string
  items: Array<{ title: string; link: string }>
  /** How many more wait than the items listed. */
  more: number
}

/**
 * The email of a staff digest, in the recipient's language: each section's
 * count, its first items and links to where they are handled in the admin
 * panel, in plain text and HTML, with the one-click unsubscribe of this kind.
 * It quotes the items' titles and nobody's name or address.
 */
export const digestEmail = ({
  adminLink,
  kind,
  language,
  sections,
  title,
  to,
  unsubscribeUrl,
}: {
  to: string
  kind: NotificationKind
  language: NotificationLanguage
  title: string
  sections: DigestEmailSection[]
  adminLink: string
  unsubscribeUrl: string
}): NotificationEmail => {
  const strings = notificationStrings[language]
  const words = strings.digest
  const moreText = (count: number): string => fillIn(words.more, { count: String(count) })
  const htmlSections = sections
    .map(
      (part) => `<h2 style="font-size: 1.1em;">${linkHtml(part.link, part.label)}</h2>
<ul>
${part.items.map((item) => `<li>${linkHtml(item.link, item.title)}</li>`).join('\n')}
${part.more > 0 ? `<li>${linkHtml(part.link, moreText(part.more))}</li>` : ''}
</ul>`,
    )
    .join('\n')
  return withEnvelope({
    htmlContent: `<p>${escapeHtml(words.intro)}</p>
${htmlSections}
<p>${linkHtml(adminLink, words.openAdmin)}</p>`,
    kinds: [kind],
    language,
    textLines: [
      words.intro,
      ...sections.flatMap((part) => [
        '',
        `${part.label}${strings.colon}${part.link}`,
        ...part.items.map((item) => `- ${item.title}${strings.colon}${item.link}`),
        ...(part.more > 0 ? [`- ${moreText(part.more)}`] : []),
      ]),
      '',
      `${words.openAdmin}${strings.colon}${adminLink}`,
    ],
    title,
    to,
    unsubscribeUrl,
  })
}

/** One notification of a grouped email, with its full link. */
export type GroupedEmailItem = {
  kind: NotificationKind
  title: string
  body: string
  note: string | null
  link: string | null
}

/**
 * The grouped email of a window (`notifications.emailWindowMs`): the
 * notifications that waited for it, oldest first, each with its title, its
 * text, the staff's note and its link, in the recipient's language, in plain
 * text and HTML. `List-Unsubscribe` stops, in one click, every kind the email
 * holds; the footer also links to stopping each kind on its own. Like every
 * notification email, it quotes public titles and the staff's notes, never
 * anyone's name or address but the recipient's, to which it is sent.
 */
export const groupedEmail = ({
  items,
  language,
  to,
  unsubscribeUrl,
  unsubscribeUrlOfKind,
}: {
  to: string
  language: NotificationLanguage
  items: readonly GroupedEmailItem[]
  unsubscribeUrl: string
  unsubscribeUrlOfKind: (kind: NotificationKind) => string
}): NotificationEmail => {
  const strings = notificationStrings[language]
  const kinds = [...new Set(items.map((item) => item.kind))]
  const title = fillIn(strings.grouped.subject, { count: String(items.length) })
  const noteHtml = (note: string): string =>
    `<blockquote style="border-left: 4px solid #6a6a6a; margin: 0; padding-left: 1em;"><p><strong>${escapeHtml(strings.note)}</strong>${escapeHtml(strings.colon)}${escapeHtml(note)}</p></blockquote>`
  return withEnvelope({
    htmlContent: [
      `<p>${escapeHtml(strings.grouped.intro)}</p>`,
      ...items.map((item) =>
        [
          `<h2 style="font-size: 1.1em;">${escapeHtml(item.title)}</h2>`,
          `<p>${escapeHtml(item.body)}</p>`,
          item.note ? noteHtml(item.note) : '',
          item.link ? `<p>${linkHtml(item.link, strings.open)}</p>` : '',
        ]
          .filter((line) => line !== '')
          .join('\n'),
      ),
    ].join('\n'),
    kinds,
    language,
    textLines: [
      strings.grouped.intro,
      ...items.flatMap((item) => [
        '',
        `## ${item.title}`,
        item.body,
        ...(item.note ? [`${strings.note}${strings.colon}${item.note}`] : []),
        ...(item.link ? [`${strings.open}${strings.colon}${item.link}`] : []),
      ]),
    ],
    title,
    to,
    unsubscribeUrl,
    unsubscribeUrlOfKind,
  })
}
