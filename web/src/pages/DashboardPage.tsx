import { Suspense, lazy, useEffect, useMemo, useRef, useState } from 'react'
import { describeError, humanize, leadName, leadsApi, type Lead, type LeadStats, type Me } from '../api'
import { Alert } from '../components/Alert'
import { ModelNotice } from '../components/ModelNotice'
import { PageHeading } from '../components/PageHeading'
import { StageBadge } from '../components/StageBadge'
import { formatCount, formatRelative, formatShortDate, formatWeekday, startOfDay } from '../lib/format'
import { createThrottle } from '../lib/throttle'
import { useScoringSource } from '../lib/useScoringSource'
import { countCreated, createdLead, localDay } from './dashboardCounts'
import { useLiveEvents } from '../live'
import { Link } from '../router'

// The chart library is big; it loads after the page is already usable.
const BarChart = lazy(() => import('../charts/BarChart'))

const days = 7

/** Live events that can change the figures (activities and import progress cannot). */
const refreshingEvents = new Set(['lead.created', 'lead.updated', 'lead.assigned', 'lead.deleted', 'lead.erased', 'lead.imported'])

interface Figures {
  stats: LeadStats
  latest: Lead[]
}

/** This week in the browser's zone: local midnight 6 days ago to local midnight tonight, so 7 whole local days. */
async function loadFigures(): Promise<Figures> {
  const from = startOfDay(days - 1).toISOString()
  const to = startOfDay(-1).toISOString()
  const tz = Intl.DateTimeFormat().resolvedOptions().timeZone
  const [stats, page] = await Promise.all([
    leadsApi.stats({ from, to, tz }),
    leadsApi.list({ createdFrom: from, sort: '-created' }, null, 6),
  ])
  return { stats, latest: page.items }
}

export function DashboardPage({ me }: { me: Me }) {
  const [figures, setFigures] = useState<Figures | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [reloadKey, setReloadKey] = useState(0)
  const scoring = useScoringSource()
  const marked = useRef(false)
  const firstName = me.displayName.trim().split(/\s+/)[0] || me.displayName

  useEffect(() => {
    // A reload does not abort the one before it (under load that could starve the page); the newest answer wins.
    let current = true
    loadFigures()
      .then((loaded) => {
        if (current) {
          setFigures(loaded)
          setError(null)
        }
      })
      .catch((e: unknown) => {
        if (current) setError(describeError(e))
      })
    return () => {
      current = false
    }
  }, [reloadKey])

  useEffect(() => {
    // The page is on screen and answers input (figures may still be on their way).
    if (performance.getEntriesByName('beacon:dashboard-interactive').length === 0) performance.mark('beacon:dashboard-interactive')
  }, [])

  useEffect(() => {
    if (figures && !marked.current) {
      marked.current = true
      performance.mark('beacon:dashboard-ready')
    }
  }, [figures])

  // Other live events only say "something changed": the server recounts, at most once a second however many arrive.
  const refresh = useMemo(() => createThrottle(() => setReloadKey((k) => k + 1), 1000), [])
  useEffect(() => () => refresh.cancel(), [refresh])
  // A new lead, the busy case (portals, imports), is counted at once from its event without a request; the server
  // recounts once some 10–20 s later (jittered, so a brokerage's dashboards do not all ask at the same moment) to
  // bring the latest-leads list and anything an event cannot say.
  const figuresNow = useRef(figures)
  useEffect(() => {
    figuresNow.current = figures
  }, [figures])
  const reconcile = useRef<ReturnType<typeof setTimeout> | null>(null)
  useEffect(() => () => clearTimeout(reconcile.current ?? undefined), [])
  useLiveEvents(
    (event) => {
      if (!refreshingEvents.has(event.type)) return
      const current = figuresNow.current
      const lead = event.type === 'lead.created' && current ? createdLead(event.data, event.occurredAt, current.stats.timeZone) : null
      const counted = lead && current ? countCreated(current.stats, lead, localDay(new Date(), current.stats.timeZone)) : null
      if (!counted || !current) {
        refresh.request()
        return
      }
      figuresNow.current = { ...current, stats: counted }
      setFigures(figuresNow.current)
      reconcile.current ??= setTimeout(
        () => {
          reconcile.current = null
          refresh.request()
        },
        10_000 + Math.random() * 10_000,
      )
    },
    () => refresh.request(),
  )

  const stats = figures?.stats
  const latest = figures?.latest ?? []
  const byStage = stats?.byStage.map((s) => ({ label: humanize(s.stage), value: s.count })) ?? null
  const bySource =
    stats?.bySource.slice(0, 8).map((s) => ({ label: s.source.replace(/_/g, ' '), value: s.count })) ?? null
  const perDay =
    stats?.byDay.slice(-days).map((d, i, all) => {
      const date = new Date(`${d.day}T12:00:00`)
      return {
        label: i === all.length - 1 ? 'Today' : formatWeekday(date),
        title: formatShortDate(date),
        value: d.count,
      }
    }) ?? null

  return (
    <div className="page dashboard">
      <PageHeading>Good {greeting()}, {firstName}</PageHeading>
      <p className="page-lead">
        {me.role === 'agent' ? 'Your leads this week.' : me.role === 'team_lead' ? "Your team's leads this week." : `What came in this week at ${me.tenant.name}.`}
      </p>
      <ModelNotice source={scoring} />
      {error && <Alert tone="error">{error}</Alert>}

      <div className="kpis">
        <Kpi label="New leads today" value={stats ? stats.createdToday : null} testId="kpi-today" />
        <Kpi label="New this week" value={stats ? stats.total : null} />
        <Kpi label="Still in stage New" value={stats ? stats.stillNew : null} hint="this week's leads not yet contacted" />
      </div>

      <div className="charts">
        <ChartCard title="New leads per day" data={perDay} />
        <ChartCard title="This week's leads by stage" data={byStage} horizontal />
        <ChartCard title="This week's leads by source" data={bySource} horizontal />
      </div>

      <section className="card" aria-labelledby="latest-title">
        <div className="card-title-row">
          <h2 id="latest-title" className="card-title">
            Latest leads
          </h2>
          <Link to="/leads">All leads</Link>
        </div>
        <ol className="latest" data-testid="latest-leads">
          {figures === null
            ? Array.from({ length: 6 }, (_, i) => <li key={i} className="latest-item skeleton-line" aria-hidden="true" />)
            : latest.map((lead) => (
                <li key={lead.id} className="latest-item" data-lead-id={lead.id}>
                  <Link to={`/leads/${lead.id}`}>{leadName(lead)}</Link>
                  <StageBadge stage={lead.stage} />
                  <span className="muted latest-meta">
                    {lead.source} · {formatRelative(lead.createdAt)}
                  </span>
                </li>
              ))}
          {figures !== null && latest.length === 0 && <li className="latest-empty muted">No new leads this week yet.</li>}
        </ol>
      </section>
    </div>
  )
}

function Kpi({ label, value, hint, testId }: { label: string; value: number | null; hint?: string; testId?: string }) {
  return (
    <section className="card kpi" aria-label={label}>
      <span className="kpi-label">{label}</span>
      <span className="kpi-value" data-testid={testId} aria-live="polite">
        {value === null ? <span className="skeleton skeleton-figure" aria-label="Loading" /> : formatCount(value)}
      </span>
      {hint && <span className="kpi-hint">{hint}</span>}
    </section>
  )
}

function ChartCard({
  title,
  data,
  horizontal,
}: {
  title: string
  data: { label: string; value: number; title?: string }[] | null
  horizontal?: boolean
}) {
  const summary = data?.map((d) => `${d.label}: ${d.value}`).join(', ')
  return (
    <section className="card chart-card" aria-label={title}>
      <h2 className="card-title">{title}</h2>
      {/* The chart is drawn on a canvas; the same numbers as text for screen readers. */}
      <p className="visually-hidden">{summary}</p>
      <div className="chart-box" aria-hidden="true">
        {data === null ? (
          <div className="chart-placeholder" />
        ) : data.every((d) => d.value === 0) ? (
          <p className="chart-empty muted">No leads yet.</p>
        ) : (
          <Suspense fallback={<div className="chart-placeholder" />}>
            <BarChart data={data} horizontal={horizontal} />
          </Suspense>
        )}
      </div>
    </section>
  )
}

function greeting(): string {
  const hour = new Date().getHours()
  return hour < 12 ? 'morning' : hour < 18 ? 'afternoon' : 'evening'
}
