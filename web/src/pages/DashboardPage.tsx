import { Suspense, lazy, useEffect, useRef, useState } from 'react'
import { describeError, humanize, leadName, leadsApi, stages, type Lead, type Me } from '../api'
import { Alert } from '../components/Alert'
import { PageHeading } from '../components/PageHeading'
import { StageBadge } from '../components/StageBadge'
import { formatCount, formatRelative, formatShortDate, formatWeekday, startOfDay } from '../lib/format'
import { useLiveEvents } from '../live'
import { Link } from '../router'

// The chart library is big; it loads after the page is already usable.
const BarChart = lazy(() => import('../charts/BarChart'))

const days = 7

/** What the dashboard knows of a lead: enough to count it. */
interface Counted {
  id: string
  stage: string
  source: string
  createdAt: string
}

async function loadDay(daysAgo: number, signal: AbortSignal): Promise<Lead[]> {
  const from = startOfDay(daysAgo).toISOString()
  const to = startOfDay(daysAgo - 1).toISOString()
  const leads: Lead[] = []
  let cursor: string | null = null
  do {
    const page = await leadsApi.list({ createdFrom: from, createdTo: to, sort: '-created' }, cursor, 100, signal)
    leads.push(...page.items)
    cursor = page.next
  } while (cursor && leads.length < 2000)
  return leads
}

export function DashboardPage({ me }: { me: Me }) {
  const [counted, setCounted] = useState<Map<string, Counted> | null>(null)
  const [latest, setLatest] = useState<Lead[]>([])
  const [error, setError] = useState<string | null>(null)
  const [reloadKey, setReloadKey] = useState(0)
  const marked = useRef(false)
  const firstName = me.displayName.trim().split(/\s+/)[0] || me.displayName

  useEffect(() => {
    const abort = new AbortController()
    // One request per day, in parallel: each day is usually a single page.
    Promise.all(Array.from({ length: days }, (_, i) => loadDay(i, abort.signal)))
      .then((perDay) => {
        const all = perDay.flat()
        setCounted(new Map(all.map((l) => [l.id, { id: l.id, stage: l.stage, source: l.source, createdAt: l.createdAt }])))
        setLatest(all.slice(0, 6))
      })
      .catch((e: unknown) => {
        if (!abort.signal.aborted) setError(describeError(e))
      })
    return () => abort.abort()
  }, [reloadKey])

  useEffect(() => {
    // The page is on screen and answers input (figures may still be on their way).
    if (performance.getEntriesByName('beacon:dashboard-interactive').length === 0) performance.mark('beacon:dashboard-interactive')
  }, [])

  useEffect(() => {
    if (counted && !marked.current) {
      marked.current = true
      performance.mark('beacon:dashboard-ready')
    }
  }, [counted])

  useLiveEvents(
    (event) => {
      const leadId = typeof event.data.leadId === 'string' ? event.data.leadId : null
      if (!leadId) {
        if (event.type === 'lead.imported') setReloadKey((k) => k + 1)
        return
      }
      if (event.type === 'lead.created') {
        const entry: Counted = {
          id: leadId,
          stage: String(event.data.stage ?? 'new'),
          source: String(event.data.source ?? 'unknown'),
          createdAt: event.occurredAt,
        }
        setCounted((m) => (m && !m.has(leadId) ? new Map(m).set(leadId, entry) : m))
        leadsApi.get(leadId).then(
          ({ lead }) => setLatest((list) => (list.some((l) => l.id === lead.id) ? list : [lead, ...list].slice(0, 6))),
          () => {},
        )
      } else if (event.type === 'lead.updated') {
        const change = Array.isArray(event.data.changes)
          ? (event.data.changes as { field?: string; current?: string | null }[]).find((c) => c.field === 'stage')
          : undefined
        const stage = change?.current ? safeParse(change.current) : null
        if (typeof stage === 'string') {
          setCounted((m) => {
            const entry = m?.get(leadId)
            return m && entry ? new Map(m).set(leadId, { ...entry, stage }) : m
          })
          setLatest((list) => list.map((l) => (l.id === leadId ? { ...l, stage } : l)))
        }
      } else if (event.type === 'lead.deleted') {
        setCounted((m) => {
          if (!m?.has(leadId)) return m
          const copy = new Map(m)
          copy.delete(leadId)
          return copy
        })
        setLatest((list) => list.filter((l) => l.id !== leadId))
      }
    },
    () => setReloadKey((k) => k + 1),
  )

  const today = startOfDay(0).getTime()
  const entries = counted ? Array.from(counted.values()) : []
  const todayCount = entries.filter((e) => new Date(e.createdAt).getTime() >= today).length
  const untouched = entries.filter((e) => e.stage === 'new').length
  const byStage = stages
    .map((s) => ({ label: humanize(s), value: entries.filter((e) => e.stage === s).length }))
    .filter((d) => d.value > 0)
  const sourceCounts = new Map<string, number>()
  for (const e of entries) sourceCounts.set(e.source, (sourceCounts.get(e.source) ?? 0) + 1)
  const bySource = Array.from(sourceCounts, ([source, value]) => ({ label: source.replace(/_/g, ' '), value }))
    .sort((a, b) => b.value - a.value)
    .slice(0, 8)
  const perDay = Array.from({ length: days }, (_, i) => {
    const start = startOfDay(days - 1 - i)
    const end = startOfDay(days - 2 - i).getTime()
    return {
      label: i === days - 1 ? 'Today' : formatWeekday(start),
      title: formatShortDate(start),
      value: entries.filter((e) => {
        const t = new Date(e.createdAt).getTime()
        return t >= start.getTime() && t < end
      }).length,
    }
  })

  return (
    <div className="page dashboard">
      <PageHeading>Good {greeting()}, {firstName}</PageHeading>
      <p className="page-lead">
        {me.role === 'agent' ? 'Your leads this week.' : me.role === 'team_lead' ? "Your team's leads this week." : `What came in this week at ${me.tenant.name}.`}
      </p>
      {error && <Alert tone="error">{error}</Alert>}

      <div className="kpis">
        <Kpi label="New leads today" value={counted ? todayCount : null} testId="kpi-today" />
        <Kpi label="New this week" value={counted ? entries.length : null} />
        <Kpi label="Still in stage New" value={counted ? untouched : null} hint="this week's leads not yet contacted" />
      </div>

      <div className="charts">
        <ChartCard title="New leads per day" data={counted ? perDay : null} />
        <ChartCard title="This week's leads by stage" data={counted ? byStage : null} horizontal />
        <ChartCard title="This week's leads by source" data={counted ? bySource : null} horizontal />
      </div>

      <section className="card" aria-labelledby="latest-title">
        <div className="card-title-row">
          <h2 id="latest-title" className="card-title">
            Latest leads
          </h2>
          <Link to="/leads">All leads</Link>
        </div>
        <ol className="latest" data-testid="latest-leads">
          {counted === null
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
          {counted !== null && latest.length === 0 && <li className="latest-empty muted">No new leads this week yet.</li>}
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

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}
