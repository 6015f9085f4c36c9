/** The size of the charts' tick labels, in pixels. */
export const tickFontSize = 12

/** The width of a chart's vertical axis, where its values are written, in pixels. */
export const valueAxisWidth = 40

/** The least room between two drawn labels of a horizontal axis, in pixels. */
export const labelGap = 8

/** An upper estimate of a label's width in pixels: sans-serif glyphs average well under 0.62 em. */
export const estimatedWidth = (label: string): number => label.length * tickFontSize * 0.62

/** Every how many categories a label is drawn (0: every one) so that labels do not overlap. */
export const tickInterval = (labels: string[], chartWidth: number): number => {
  if (labels.length === 0 || chartWidth <= valueAxisWidth) return 0
  const slot = (chartWidth - valueAxisWidth) / labels.length
  const widest = Math.max(...labels.map(estimatedWidth)) + labelGap
  return Math.max(0, Math.ceil(widest / slot) - 1)
}
