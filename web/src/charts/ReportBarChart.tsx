import { BarChart as EBarChart } from 'echarts/charts'
import { GridComponent, TooltipComponent } from 'echarts/components'
// ECharts' `use` registers chart parts; renamed so that it does not read as React's `use` hook.
import { init, use as registerEChartsParts, type ECharts } from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import { useEffect, useRef } from 'react'

registerEChartsParts([EBarChart, GridComponent, TooltipComponent, CanvasRenderer])

export interface ReportBar {
  label: string
  value: number
  title?: string
}

/** Horizontal bars (funnel, leaderboard) whose click opens the leads behind a bar (drill-down). */
export default function ReportBarChart({ data, onSelect }: { data: ReportBar[]; onSelect?: (index: number) => void }) {
  const boxRef = useRef<HTMLDivElement>(null)
  const chartRef = useRef<ECharts | null>(null)
  const selectRef = useRef(onSelect)
  const countRef = useRef(data.length)
  useEffect(() => {
    selectRef.current = onSelect
  })

  useEffect(() => {
    const box = boxRef.current
    if (!box) return
    const chart = init(box, undefined, { renderer: 'canvas' })
    chartRef.current = chart
    // Bars are drawn bottom-up; the caller's index counts top-down.
    chart.on('click', (p) => selectRef.current?.(countRef.current - 1 - p.dataIndex))
    const resize = new ResizeObserver(() => chart.resize())
    resize.observe(box)
    return () => {
      resize.disconnect()
      chart.dispose()
      chartRef.current = null
    }
  }, [])

  useEffect(() => {
    countRef.current = data.length
    const rows = [...data].reverse()
    chartRef.current?.setOption(
      {
        animationDuration: 300,
        grid: { left: 8, right: 24, top: 8, bottom: 4, containLabel: true },
        tooltip: {
          trigger: 'axis',
          axisPointer: { type: 'shadow' },
          formatter: (params: unknown) => {
            const p = (Array.isArray(params) ? params[0] : params) as { dataIndex: number }
            const d = rows[p.dataIndex]
            return d.title ?? `${d.label}: <b>${d.value}</b>`
          },
        },
        xAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#eef2f7' } } },
        yAxis: {
          type: 'category',
          data: rows.map((d) => d.label),
          axisTick: { show: false },
          axisLabel: { color: '#4a5d72', fontSize: 11, interval: 0, width: 110, overflow: 'truncate' },
        },
        series: [
          {
            type: 'bar',
            data: rows.map((d) => d.value),
            barMaxWidth: 18,
            cursor: onSelect ? 'pointer' : 'default',
            label: { show: true, position: 'right', color: '#4a5d72', fontSize: 11 },
            itemStyle: { color: '#2f74c0', borderRadius: [0, 4, 4, 0] },
          },
        ],
      },
      { notMerge: true },
    )
  }, [data, onSelect])

  return <div ref={boxRef} className="chart" />
}
