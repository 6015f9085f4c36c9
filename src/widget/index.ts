// The `entraide/widget` package entry: the React component for React hosts,
// and the pieces a host may reuse (the safe rich-text renderer, the styles).
export { EntraideWidget, type EntraideWidgetProps } from './EntraideWidget.tsx'
export { RichText, safeHref } from './richText.tsx'
export { splitHighlights } from './highlight.tsx'
export { rootClass, widgetCss } from './styles.ts'
export { stringsFor, type Lang, type Strings } from './strings.ts'
export type * from './types.ts'
