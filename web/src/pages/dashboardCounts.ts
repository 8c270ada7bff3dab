import type { LeadStats } from '../api'

/** What a `lead.created` event says that the dashboard counts. */
export interface CreatedLead {
  stage: string
  source: string
  /** The lead's local day, `YYYY-MM-DD`, in the zone the figures were counted in. */
  day: string
}

/** The event's lead, or null when the event lacks what the figures need (then the page recounts instead). */
export function createdLead(data: Record<string, unknown>, occurredAt: string, timeZone: string): CreatedLead | null {
  const { stage, source } = data
  const at = new Date(occurredAt)
  if (typeof stage !== 'string' || typeof source !== 'string' || Number.isNaN(at.getTime())) return null
  return { stage, source, day: localDay(at, timeZone) }
}

/** `YYYY-MM-DD` of `at` in `timeZone` (en-CA writes dates that way). */
export function localDay(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at)
}

/**
 * The figures with one more lead counted, at once and without a request: a busy brokerage's dashboards would
 * otherwise each recount on every new lead. Null when the lead falls outside the counted days (recount instead).
 */
export function countCreated(stats: LeadStats, lead: CreatedLead, today: string): LeadStats | null {
  if (!stats.byDay.some((d) => d.day === lead.day)) return null
  const byStage = bump(stats.byStage, (s) => s.stage === lead.stage, { stage: lead.stage, count: 0 })
  const bySource = bump(stats.bySource, (s) => s.source === lead.source, { source: lead.source, count: 0 }).sort(
    (a, b) => b.count - a.count,
  )
  return {
    ...stats,
    total: stats.total + 1,
    createdToday: stats.createdToday + (lead.day === today ? 1 : 0),
    stillNew: stats.stillNew + (lead.stage === 'new' ? 1 : 0),
    byDay: stats.byDay.map((d) => (d.day === lead.day ? { ...d, count: d.count + 1 } : d)),
    byStage,
    bySource,
  }
}

function bump<T extends { count: number }>(items: T[], match: (item: T) => boolean, fresh: T): T[] {
  return items.some(match) ? items.map((i) => (match(i) ? { ...i, count: i.count + 1 } : i)) : [...items, { ...fresh, count: 1 }]
}
