/** Text made safe to put in HTML, between tags or in a quoted attribute. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`)

/**
 * A small page of the API's own (an emailed link's landing: confirming an
 * address, unsubscribing): a title, a message announced as a status, and
 * `extra`, HTML already safe (a form, a link back). Never cached, never
 * indexed, no referrer to the pages it links to (its address holds a token).
 */
export const htmlPage = ({
  extra,
  language,
  message,
  status,
  title,
}: {
  language: string
  title: string
  message: string
  extra: string
  status: number
}): Response =>
  new Response(
    `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40em; margin: 2em auto; padding: 0 1em;">
<main><h1>${escapeHtml(title)}</h1><p role="status">${escapeHtml(message)}</p>${extra}</main>
</body></html>
`,
    {
      headers: {
        'Cache-Control': 'no-store',
        'Content-Type': 'text/html; charset=utf-8',
        'Referrer-Policy': 'no-referrer',
      },
      status,
    },
  )
