import { BarChart as EBarChart } from 'echarts/charts'
import { GridComponent, TooltipComponent } from 'echarts/components'
// ECharts' `use` registers chart parts; renamed so that it does not read as React's `use` hook.
import { init, use as registerEChartsParts, type ECharts } from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import { useEffect, useRef } from 'react'

registerEChartsParts([EBarChart, GridComponent, TooltipComponent, CanvasRenderer])

export interface BarDatum {
  label: string
  value: number
  /** Longer text for the tooltip (a date for a weekday label). */
  title?: string
}

/** A calm bar chart (ECharts, canvas). Its box is sized by CSS, so drawing it never moves the page. */
export default function BarChart({ data, horizontal = false }: { data: BarDatum[]; horizontal?: boolean }) {
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
    const labels = horizontal ? [...data].reverse() : data
    const category = {
      type: 'category' as const,
      data: labels.map((d) => d.label),
      axisTick: { show: false },
      axisLine: { lineStyle: { color: '#d6e0eb' } },
      // Every label shown (a week, a handful of stages or sources), cut short rather than skipped.
      axisLabel: { color: '#4a5d72', fontSize: 11, interval: 0, width: horizontal ? 110 : 44, overflow: 'truncate' as const },
    }
    const value = {
      type: 'value' as const,
      minInterval: 1,
      splitLine: { lineStyle: { color: '#eef2f7' } },
      axisLabel: { color: '#4a5d72', fontSize: 11 },
    }
    chartRef.current?.setOption(
      {
        animationDuration: 300,
        grid: { left: 8, right: 16, top: 8, bottom: 4, containLabel: true },
        tooltip: {
          trigger: 'axis',
          axisPointer: { type: 'shadow' },
          formatter: (params: unknown) => {
            const p = (Array.isArray(params) ? params[0] : params) as { dataIndex: number }
            const d = labels[p.dataIndex]
            return `${d.title ?? d.label}: <b>${d.value}</b>`
          },
        },
        xAxis: horizontal ? value : category,
        yAxis: horizontal ? category : value,
        series: [
          {
            type: 'bar',
            data: labels.map((d) => d.value),
            barMaxWidth: horizontal ? 18 : 28,
            itemStyle: { color: '#2f74c0', borderRadius: horizontal ? [0, 4, 4, 0] : [4, 4, 0, 0] },
          },
        ],
      },
      { notMerge: true },
    )
  }, [data, horizontal])

  return <div ref={boxRef} className="chart" />
}
