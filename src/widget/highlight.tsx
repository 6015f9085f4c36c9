/** A run of snippet text, matched by the search or not. */
export type SnippetSegment = { text: string; isMatch: boolean }

/**
 * Splits a search snippet on its `<mark>` and `</mark>` tags. Everything else
 * stays text, tags included, so React escapes it: a snippet can never inject
 * markup, only highlight.
 */
export const splitHighlights = (snippet: string): SnippetSegment[] => {
  const segments: SnippetSegment[] = []
  let isMatch = false
  for (const part of snippet.split(/(<mark>|<\/mark>)/)) {
    if (part === '<mark>') isMatch = true
    else if (part === '</mark>') isMatch = false
    else if (part !== '') {
      const last = segments[segments.length - 1]
      if (last && last.isMatch === isMatch) last.text += part
      else segments.push({ isMatch, text: part })
    }
  }
  return segments
}

/** A search snippet with its matches in `<mark>`, built from text segments. */
export const Highlighted = ({ text }: { text: string }) => (
  <>
    {splitHighlights(text).map((segment, index) =>
      segment.isMatch ? <mark key={index}>{segment.text}</mark> : <span key={index}>{segment.text}</span>,
    )}
  </>
)
