/** The size of the charts' tick labels, in pixels. */
export const tickFontSize = 12

/** An upper estimate of a label's width in pixels: sans-serif glyphs average well under 0.62 em. */
export const estimatedWidth = (label: string): number => label.length * tickFontSize * 0.62

/** Every how many categories a label is drawn (0: every one) so that labels do not overlap. */
export const tickInterval = (labels: string[], chartWidth: number, axisWidth = 40): number => {
  if (labels.length === 0 || chartWidth <= axisWidth) return 0
  const slot = (chartWidth - axisWidth) / labels.length
  const widest = Math.max(...labels.map(estimatedWidth)) + 8
  return Math.max(0, Math.ceil(widest / slot) - 1)
}

