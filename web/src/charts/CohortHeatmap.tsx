import { HeatmapChart } from 'echarts/charts'
import { GridComponent, TooltipComponent, VisualMapComponent } from 'echarts/components'
import { init, use as registerEChartsParts, type ECharts } from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import { useEffect, useRef } from 'react'

registerEChartsParts([HeatmapChart, GridComponent, TooltipComponent, VisualMapComponent, CanvasRenderer])

/** Weekly cohorts × stage reached, each cell the share (0–100) of the week's leads that got that far. */
export default function CohortHeatmap({ stages, weeks, cells, onSelect }: {
  stages: string[]
  weeks: string[]
  cells: [number, number, number][]
  onSelect?: (stage: number, week: number) => void
}) {
  const boxRef = useRef<HTMLDivElement>(null)
  const chartRef = useRef<ECharts | null>(null)
  const selectRef = useRef(onSelect)
  useEffect(() => {
    selectRef.current = onSelect
  })

  useEffect(() => {
    const box = boxRef.current
    if (!box) return
    const chart = init(box, undefined, { renderer: 'canvas' })
    chartRef.current = chart
    chart.on('click', (p) => {
      const [s, w] = p.value as [number, number, number]
      selectRef.current?.(s, w)
    })
    const resize = new ResizeObserver(() => chart.resize())
    resize.observe(box)
    return () => {
      resize.disconnect()
      chart.dispose()
      chartRef.current = null
    }
  }, [])

  useEffect(() => {
    chartRef.current?.setOption(
      {
        grid: { left: 8, right: 8, top: 8, bottom: 48, containLabel: true },
        tooltip: { formatter: (p: { value: [number, number, number] }) => `${weeks[p.value[1]]} · ${stages[p.value[0]]}: <b>${p.value[2]} %</b>` },
        xAxis: { type: 'category', data: stages, axisLabel: { fontSize: 10, interval: 0, rotate: 30 } },
        yAxis: { type: 'category', data: weeks, axisLabel: { fontSize: 10 } },
        visualMap: { min: 0, max: 100, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 120, inRange: { color: ['#f3f7fb', '#2f74c0'] } },
        series: [{ type: 'heatmap', data: cells, label: { show: true, fontSize: 10, formatter: (p: { value: number[] }) => `${p.value[2]}` } }],
      },
      { notMerge: true },
    )
  }, [stages, weeks, cells])

  return <div ref={boxRef} className="chart chart-tall" />
}
