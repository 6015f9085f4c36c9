/** Prefix of the ids of the widget's items (`entraide-thread-…`, `entraide-tip-…`, `entraide-wiki-…`). */
export const anchorPrefix = 'entraide-'

/**
 * Scrolls to and focuses the widget item a `#entraide-…` fragment names,
 * looking in the widget's own root: in the standalone bundle that is a shadow
 * root, which the browser's fragment navigation does not search. Returns
 * whether such an item was found.
 */
export const revealAnchor = (from: Element | null, hash: string): boolean => {
  if (!hash.startsWith(`#${anchorPrefix}`)) return false
  const root = from?.getRootNode()
  if (!(root instanceof ShadowRoot || root instanceof Document)) return false
  let id: string
  try {
    id = decodeURIComponent(hash.slice(1))
  } catch {
    return false
  }
  const target = root.getElementById(id)
  if (!target) return false
  if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1')
  target.scrollIntoView({ block: 'start' })
  target.focus({ preventScroll: true })
  return true
}
