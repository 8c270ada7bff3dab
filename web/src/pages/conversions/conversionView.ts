import type { ConversionReport, ReportFilters } from '../../api/conversions'

/** Days the screen shows when the URL names no range. */
export const defaultDays = 30

function isoDay(d: Date): string {
  const y = d.getFullYear()
  const m = String(d.getMonth() + 1).padStart(2, '0')
  const day = String(d.getDate()).padStart(2, '0')
  return `${y}-${m}-${day}`
}

const datePattern = /^\d{4}-\d{2}-\d{2}$/
const uuidPattern = /^[0-9a-f-]{36}$/i

/**
 * The filters from the URL's query string (so a view can be bookmarked and shared); anything missing or malformed
 * falls back to the last 30 days in the browser's zone, without filters.
 */
export function filtersFromSearch(search: string, today: Date, browserZone: string): ReportFilters {
  const params = new URLSearchParams(search)
  const to = params.get('to') ?? ''
  const from = params.get('from') ?? ''
  const start = new Date(today)
  start.setDate(start.getDate() - (defaultDays - 1))
  const filters: ReportFilters = {
    from: datePattern.test(from) ? from : isoDay(start),
    to: datePattern.test(to) ? to : isoDay(today),
    tz: params.get('tz') || browserZone,
  }
  const source = params.get('source')
  if (source) filters.source = source
  for (const key of ['agent', 'team'] as const) {
    const value = params.get(key)
    if (value && uuidPattern.test(value)) filters[key] = value
  }
  return filters
}

/** The query string the screen writes back into the URL. */
export function searchFromFilters(filters: ReportFilters): string {
  const params = new URLSearchParams()
  for (const key of ['from', 'to', 'tz', 'source', 'agent', 'team'] as const) {
    const value = filters[key]
    if (value) params.set(key, value)
  }
  return `?${params.toString()}`
}

/** "Contacted" from "contacted", "Under contract" from "under_contract". */
export function stageLabel(stage: string): string {
  const text = stage.replace(/_/g, ' ')
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** A rate as a whole percentage with one decimal when small ("62.5 %", "—" when unknown). */
export function percent(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) return '—'
  const p = rate * 100
  return `${p < 10 && p !== 0 ? p.toFixed(1) : Math.round(p)} %`
}

/** Cents as whole currency ("$450,000"). */
export function money(cents: number, currency = 'USD'): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: 0 }).format(cents / 100)
}

/** The funnel's bars: each stage with its count and the rate from the stage before. */
export function funnelBars(report: ConversionReport): { label: string; value: number; title: string; stage: string }[] {
  return report.funnel.map((s) => ({
    stage: s.stage,
    label: stageLabel(s.stage),
    value: s.leads,
    title: s.rate === null ? `${stageLabel(s.stage)}: ${s.leads} leads` : `${stageLabel(s.stage)}: ${s.leads} leads (${percent(s.rate)} of the step before)`,
  }))
}

/** The cohort heat-map's cells: [stage index, week index, share of the cohort that reached the stage (0–100)]. */
export function cohortCells(report: ConversionReport): { weeks: string[]; cells: [number, number, number][] } {
  const weeks = report.cohorts.map((c) => c.week)
  const cells: [number, number, number][] = []
  report.cohorts.forEach((c, w) => {
    c.reached.forEach((n, s) => cells.push([s, w, c.leads === 0 ? 0 : Math.round((n / c.leads) * 1000) / 10]))
  })
  return { weeks, cells }
}

/** True when the range holds no lead and no deal: the screen shows its empty state instead of empty charts. */
export function isEmpty(report: ConversionReport): boolean {
  return report.funnel[0]?.leads === 0 && report.leaderboard.every((l) => l.closedDeals === 0)
}

/** Live events after which the figures may have moved (re-read, throttled). */
export const refreshingEvents = new Set(['lead.figures_changed', 'lead.deal_recorded'])

/**
 * The leaderboard's bars: commission per agent (deals closed when nobody entered a commission), best first, at most
 * `limit` agents; agents who closed nothing in the range are left out. Empty: nothing closed, the card says so.
 */
export function leaderboardBars(report: ConversionReport, limit = 10): { label: string; value: number; title: string }[] {
  const closed = report.leaderboard.filter((l) => l.closedDeals > 0)
  const byCommission = closed.some((l) => l.commissionCents > 0)
  return closed
    .map((l) => ({
      label: l.name,
      value: byCommission ? l.commissionCents / 100 : l.closedDeals,
      title: `${l.name}: ${l.closedDeals} closed, ${money(l.commissionCents, l.currency)} commission`,
    }))
    .sort((a, b) => b.value - a.value || a.label.localeCompare(b.label))
    .slice(0, limit)
}

/** Time to convert as three bars (median, 75th, 90th percentile, in days); empty when no lead converted in the range. */
export function timeToConvertBars(report: ConversionReport): { label: string; value: number; title: string }[] {
  const t = report.timeToConvert
  if (t.converted === 0) return []
  return [
    ['Median', t.medianDays],
    ['75th percentile', t.p75Days],
    ['90th percentile', t.p90Days],
  ].flatMap(([label, days]) =>
    typeof days === 'number' ? [{ label: label as string, value: days, title: `${label as string}: ${days.toFixed(1)} days (${t.converted} converted)` }] : [],
  )
}
