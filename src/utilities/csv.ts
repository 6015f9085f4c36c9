/** A value of a CSV cell; null is an empty cell (a figure that does not exist). */
export type CsvValue = string | number | null

/**
 * A CSV cell (RFC 4180): quoted when it holds a comma, a quote or a line
 * break. Text starting with `=`, `+`, `-`, `@`, a tab or a carriage return
 * gets a leading `'` so that a spreadsheet shows it rather than running it
 * as a formula.
 */
export const csvCell = (value: CsvValue): string => {
  if (value === null) return ''
  if (typeof value === 'number') return String(value)
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** Lines of cells as CSV text, each line ending in CRLF (no byte order mark: the response adds it). */
export const toCsv = (lines: CsvValue[][]): string => lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n'
