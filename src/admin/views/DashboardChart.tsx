'use client'

import { useState } from 'react'
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import type { XAxisTickContentProps, YAxisTickContentProps } from 'recharts'

import { estimatedWidth, tickFontSize, tickInterval, valueAxisWidth } from './chartTicks.ts'

/** One series of a chart: the row field it draws and its name in the legend (already in the admin user's language). */
export type ChartSeries = { key: string; label: string }

export type ChartRow = Record<string, string | number | null>

// Dark enough to read at 4.5:1 on the panel's light background, and told apart by more than hue in the table beside.
const colours = ['#1f4e9c', '#a33c00', '#18753c', '#6a1b9a']

const tickStyle = { fill: '#333', fontSize: tickFontSize }

/*
 * Left to itself, recharts measures every tick label in the page (a hidden
 * span, then getBoundingClientRect) to choose which labels fit, and every
 * word of a label. In the admin panel each measurement makes the browser
 * work out the styles of the whole page again (Payload's stylesheets use
 * `:has()` throughout): a dashboard of six charts spent seconds in it before
 * it showed. The labels are drawn as plain SVG text, and which of them fit
 * is estimated from their length and the chart's width, without measuring.
 */

/** Where recharts puts a label's first line for each vertical anchor (as its own text does). */
const anchorShift = { end: '0', middle: '0.355em', start: '0.71em' } as const

/**
 * A tick's label as plain SVG text, at the place and anchor recharts gives
 * it, kept inside the chart (`chartWidth` wide) as recharts keeps its own:
 * the last label of a horizontal axis ends at the chart's edge instead of
 * being cut, and the top label of a vertical axis hangs below the top.
 */
const tickIn =
  (chartWidth: number) =>
  ({ payload, textAnchor, verticalAnchor, x, y }: XAxisTickContentProps | YAxisTickContentProps) => {
    const label = String(payload.value)
    const half = estimatedWidth(label) / 2
    let anchor = textAnchor
    let left = Number(x)
    if (textAnchor === 'middle' && chartWidth > 0 && left + half > chartWidth) {
      anchor = 'end'
      left = chartWidth
    } else if (textAnchor === 'middle' && left - half < 0) {
      anchor = 'start'
      left = 0
    }
    const shift = verticalAnchor === 'middle' && Number(y) < tickFontSize / 2 ? anchorShift.start : anchorShift[verticalAnchor]
    return (
      <text {...tickStyle} dy={shift} textAnchor={anchor} x={left} y={y}>
        {label}
      </text>
    )
  }

/**
 * A chart of the listening dashboard, drawn with recharts. It is decorative
 * for assistive technologies (`aria-hidden`, nothing in it takes the focus):
 * the table beside it, with a caption and headers, is the accessible version
 * of the same figures.
 */
export const DashboardChart = ({
  kind,
  rows,
  series,
  xKey,
  isStacked = false,
}: {
  kind: 'bar' | 'line'
  rows: ChartRow[]
  series: ChartSeries[]
  xKey: string
  isStacked?: boolean
}) => {
  const [width, setWidth] = useState(0)
  const labels = rows.map((row) => String(row[xKey] ?? ''))
  const axes = (
    <>
      <CartesianGrid stroke="#d9d9d9" strokeDasharray="3 3" />
      <XAxis dataKey={xKey} interval={tickInterval(labels, width)} stroke="#555" tick={tickIn(width)} />
      <YAxis allowDecimals={false} interval={0} stroke="#555" tick={tickIn(width)} width={valueAxisWidth} />
      <Tooltip />
      <Legend wrapperStyle={{ color: '#333', fontSize: 12 }} />
    </>
  )
  return (
    <div aria-hidden="true" className="entraide-chart">
      <ResponsiveContainer height={240} onResize={(measured) => setWidth(measured)} width="100%">
        {kind === 'line' ? (
          <LineChart accessibilityLayer={false} data={rows}>
            {axes}
            {series.map((item, index) => (
              <Line
                dataKey={item.key}
                isAnimationActive={false}
                key={item.key}
                name={item.label}
                stroke={colours[index % colours.length]}
                strokeWidth={2}
                type="monotone"
              />
            ))}
          </LineChart>
        ) : (
          <BarChart accessibilityLayer={false} data={rows}>
            {axes}
            {series.map((item, index) => (
              <Bar
                dataKey={item.key}
                fill={colours[index % colours.length]}
                isAnimationActive={false}
                key={item.key}
                name={item.label}
                stackId={isStacked ? 'stack' : undefined}
              />
            ))}
          </BarChart>
        )}
      </ResponsiveContainer>
    </div>
  )
}
