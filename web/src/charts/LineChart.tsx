import { LineChart as ELineChart } from 'echarts/charts'
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components'
// ECharts' `use` registers chart parts; renamed so that it does not read as React's `use` hook.
import { init, use as registerEChartsParts, type ECharts } from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import { useEffect, useRef } from 'react'

registerEChartsParts([ELineChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer])

export interface LineSeries {
  name: string
  /** One value per category; null leaves a gap. */
  values: (number | null)[]
  color: string
  dashed?: boolean
}

const palette = { axis: '#d6e0eb', label: '#4a5d72', split: '#eef2f7' }

/** Lines over shared categories (weeks, score bands), with an optional dashed threshold. Sized by CSS like BarChart. */
export default function LineChart({ categories, series, threshold, percent = false }: {
  categories: string[]
  series: LineSeries[]
  threshold?: { value: number; label: string }
  percent?: boolean
}) {
  const boxRef = useRef<HTMLDivElement>(null)
  const chartRef = useRef<ECharts | null>(null)

  useEffect(() => {
    const box = boxRef.current
    if (!box) return
    const chart = init(box, undefined, { renderer: 'canvas' })
    chartRef.current = chart
    const resize = new ResizeObserver(() => chart.resize())
    resize.observe(box)
    return () => {
      resize.disconnect()
      chart.dispose()
      chartRef.current = null
    }
  }, [])

  useEffect(() => {
    const format = (v: number) => (percent ? `${Math.round(v * 100)} %` : v.toFixed(2))
    chartRef.current?.setOption(
      {
        animationDuration: 300,
        grid: { left: 8, right: 16, top: 28, bottom: 4, containLabel: true },
        legend: { top: 0, textStyle: { color: palette.label, fontSize: 11 } },
        tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? format(v) : '—') },
        xAxis: {
          type: 'category',
          data: categories,
          axisTick: { show: false },
          axisLine: { lineStyle: { color: palette.axis } },
          axisLabel: { color: palette.label, fontSize: 11 },
        },
        yAxis: {
          type: 'value',
          max: percent ? 1 : undefined,
          splitLine: { lineStyle: { color: palette.split } },
          axisLabel: { color: palette.label, fontSize: 11, formatter: format },
        },
        series: series.map((s, i) => ({
          type: 'line',
          name: s.name,
          data: s.values,
          connectNulls: false,
          symbolSize: 6,
          lineStyle: { color: s.color, type: s.dashed ? 'dashed' : 'solid' },
          itemStyle: { color: s.color },
          markLine:
            i === 0 && threshold
              ? {
                  symbol: 'none',
                  label: { formatter: threshold.label, color: '#b4541a', fontSize: 11 },
                  lineStyle: { color: '#b4541a', type: 'dotted' },
                  data: [{ yAxis: threshold.value }],
                }
              : undefined,
        })),
      },
      { notMerge: true },
    )
  }, [categories, series, threshold, percent])

  return <div ref={boxRef} className="chart" />
}
