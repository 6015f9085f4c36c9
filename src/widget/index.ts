// The `entraide/widget` package entry: the React component for React hosts,
// and the pieces a host may reuse (the safe rich-text renderer, the styles).
export { EntraideWidget, type EntraideWidgetProps } from './EntraideWidget'
export { RichText, safeHref } from './richText'
export { splitHighlights } from './highlight'
export { rootClass, widgetCss } from './styles'
export { stringsFor, type Lang, type Strings } from './strings'
export type * from './types'
