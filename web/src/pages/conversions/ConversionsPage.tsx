import { Suspense, lazy, useEffect, useMemo, useState } from 'react'
import { conversionsApi, describeError, type ConversionReport, type Me, type ReportFilters, type ReportTable } from '../../api'
import { Alert } from '../../components/Alert'
import { PageHeading } from '../../components/PageHeading'
import { createThrottle } from '../../lib/throttle'
import { useLiveEvents } from '../../live'
import { cohortCells, filtersFromSearch, funnelBars, isEmpty, refreshingEvents, searchFromFilters } from './conversionView'
import { DrillPanel, type Drill } from './DrillPanel'
import { FigureTables } from './FigureTables'

// The chart library is big; it loads after the page is already usable.
const ReportBarChart = lazy(() => import('../../charts/ReportBarChart'))
const CohortHeatmap = lazy(() => import('../../charts/CohortHeatmap'))

/** A fallback when the live channel is down: re-read every 30 s (an unchanged report costs a 304). */
const pollMs = 30_000

export function ConversionsPage({ me }: { me: Me }) {
  const [filters, setFilters] = useState<ReportFilters>(() =>
    filtersFromSearch(window.location.search, new Date(), Intl.DateTimeFormat().resolvedOptions().timeZone),
  )
  const [report, setReport] = useState<ConversionReport | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [reloadKey, setReloadKey] = useState(0)
  const [drill, setDrill] = useState<Drill | null>(null)

  useEffect(() => {
    window.history.replaceState(null, '', `/reports/conversions${searchFromFilters(filters)}`)
    let current = true
    conversionsApi
      .report(filters)
      .then((r) => {
        if (current) {
          setReport(r)
          setError(null)
        }
      })
      .catch((e: unknown) => {
        if (current) setError(describeError(e))
      })
    return () => {
      current = false
    }
  }, [filters, reloadKey])

  useEffect(() => {
    if (performance.getEntriesByName('beacon:conversions-interactive').length === 0) performance.mark('beacon:conversions-interactive')
  }, [])
  useEffect(() => {
    if (report && performance.getEntriesByName('beacon:conversions-ready').length === 0) performance.mark('beacon:conversions-ready')
  }, [report])

  const refresh = useMemo(() => createThrottle(() => setReloadKey((k) => k + 1), 500), [])
  useEffect(() => () => refresh.cancel(), [refresh])
  useLiveEvents(
    (event) => {
      if (refreshingEvents.has(event.type)) refresh.request()
    },
    () => refresh.request(),
  )
  useEffect(() => {
    const timer = setInterval(() => refresh.request(), pollMs)
    return () => clearInterval(timer)
  }, [refresh])

  const change = (patch: Partial<ReportFilters>) => {
    setDrill(null)
    setFilters((f) => {
      const next = { ...f, ...patch }
      for (const key of ['source', 'agent', 'team'] as const) if (!next[key]) delete next[key]
      return next
    })
  }

  const download = async (table: ReportTable) => {
    try {
      const url = URL.createObjectURL(await conversionsApi.exportCsv(table, filters))
      const a = document.createElement('a')
      a.href = url
      a.download = `conversions-${table}-${filters.from}-${filters.to}.csv`
      document.body.appendChild(a)
      a.click()
      a.remove()
      setTimeout(() => URL.revokeObjectURL(url), 10_000)
    } catch (e) {
      setError(describeError(e))
    }
  }

  const funnel = report ? funnelBars(report) : []
  const cohorts = report ? cohortCells(report) : null
  return (
    <div className="page conversions-page">
      <PageHeading>Conversions</PageHeading>
      <section className="card filters" aria-label="Range and filters">
        <label>
          From <input type="date" name="from" value={filters.from} max={filters.to} onChange={(e) => e.target.value && change({ from: e.target.value })} />
        </label>
        <label>
          To <input type="date" name="to" value={filters.to} min={filters.from} onChange={(e) => e.target.value && change({ to: e.target.value })} />
        </label>
        <label>
          Source
          <select name="source" value={filters.source ?? ''} onChange={(e) => change({ source: e.target.value })}>
            <option value="">All sources</option>
            {report?.bySource.map((s) => <option key={s.key} value={s.key}>{s.name}</option>)}
          </select>
        </label>
        {me.role !== 'agent' && (
          <label>
            Agent
            <select name="agent" value={filters.agent ?? ''} onChange={(e) => change({ agent: e.target.value })}>
              <option value="">All agents</option>
              {report?.byAgent.filter((a) => a.key !== '00000000-0000-0000-0000-000000000000').map((a) => <option key={a.key} value={a.key}>{a.name}</option>)}
            </select>
          </label>
        )}
        <span className="muted">Times in {filters.tz}</span>
      </section>
      {error && <Alert tone="error">{error}</Alert>}
      {report && isEmpty(report) && (
        <section className="card empty-state" aria-label="No conversions yet">
          <h2 className="card-title">No leads in this range</h2>
          <p>Pick a longer range, or clear the filters. Figures appear as leads come in and move through the pipeline.</p>
        </section>
      )}
      {report && !isEmpty(report) && (
        <>
          <div className="charts">
            <ChartCard title="Funnel" table="funnel" onCsv={download}>
              <Suspense fallback={<div className="chart-placeholder" />}>
                <ReportBarChart data={funnel} onSelect={(i) => setDrill({ title: `Reached ${funnel[i].label}`, stage: funnel[i].stage })} />
              </Suspense>
              <ol className="funnel-steps" aria-label="Funnel">
                {funnel.map((s, i) => (
                  <li key={s.stage} data-stage={s.stage}>
                    <button type="button" className="link-button" onClick={() => setDrill({ title: `Reached ${s.label}`, stage: s.stage })}>
                      {s.label}: <b>{s.value}</b>
                    </button>
                    {i > 0 && <span className="muted"> {report.funnel[i].rate === null ? '' : `${Math.round((report.funnel[i].rate ?? 0) * 100)} %`}</span>}
                  </li>
                ))}
              </ol>
            </ChartCard>
            <ChartCard title="Weekly cohorts × stage reached (%)" table="cohorts" onCsv={download}>
              {cohorts && cohorts.weeks.length > 0 ? (
                <Suspense fallback={<div className="chart-placeholder" />}>
                  <CohortHeatmap stages={funnel.map((s) => s.label)} weeks={cohorts.weeks} cells={cohorts.cells}
                    onSelect={(s, w) => setDrill({ title: `Week of ${cohorts.weeks[w]}, reached ${funnel[s].label}`, stage: funnel[s].stage, week: cohorts.weeks[w] })} />
                </Suspense>
              ) : (
                <p className="chart-empty">No cohorts in this range.</p>
              )}
            </ChartCard>
          </div>
          {drill && <DrillPanel filters={filters} drill={drill} onClose={() => setDrill(null)} />}
          <FigureTables report={report} me={me} onCsv={download} onSource={(source) => change({ source })} onSpendSaved={() => refresh.request()} />
        </>
      )}
    </div>
  )
}

function ChartCard({ title, table, onCsv, children }: { title: string; table: ReportTable; onCsv: (t: ReportTable) => void; children: React.ReactNode }) {
  return (
    <section className="card chart-card" aria-label={title}>
      <div className="card-title-row">
        <h2 className="card-title">{title}</h2>
        <button type="button" className="button button-secondary button-small" onClick={() => onCsv(table)}>
          CSV
        </button>
      </div>
      {children}
    </section>
  )
}
