'use client'

import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'

/** One series of a chart: the row field it draws and its name in the legend (already in the admin user's language). */
export type ChartSeries = { key: string; label: string }

export type ChartRow = Record<string, string | number | null>

// Dark enough to read at 4.5:1 on the panel's light background, and told apart by more than hue in the table beside.
const colours = ['#1f4e9c', '#a33c00', '#18753c', '#6a1b9a']

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
  const axes = (
    <>
      <CartesianGrid stroke="#d9d9d9" strokeDasharray="3 3" />
      <XAxis dataKey={xKey} stroke="#555" tick={{ fill: '#333', fontSize: 12 }} />
      <YAxis allowDecimals={false} stroke="#555" tick={{ fill: '#333', fontSize: 12 }} width={40} />
      <Tooltip />
      <Legend wrapperStyle={{ color: '#333', fontSize: 12 }} />
    </>
  )
  return (
    <div aria-hidden="true" className="entraide-chart">
      <ResponsiveContainer height={240} width="100%">
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
