import { describe, expect, it } from 'vitest'
import type { ConversionReport } from '../../api/conversions'
import { cohortCells, filtersFromSearch, funnelBars, isEmpty, leaderboardBars, percent, searchFromFilters, stageLabel, timeToConvertBars } from './conversionView'

const report = {
  from: '2026-11-01',
  to: '2026-11-30',
  timeZone: 'UTC',
  funnel: [
    { stage: 'new', leads: 4, rate: null },
    { stage: 'contacted', leads: 3, rate: 0.75 },
    { stage: 'closed', leads: 1, rate: 0.3333 },
  ],
  bySource: [],
  byAgent: [],
  byTeam: [],
  cohorts: [
    { week: '2026-11-02', leads: 4, reached: [4, 3, 1] },
    { week: '2026-11-09', leads: 0, reached: [0, 0, 0] },
  ],
  timeToConvert: { converted: 0, medianDays: null, p75Days: null, p90Days: null },
  speedToLead: { leads: 4, touched: 0, medianMinutes: null, buckets: [] },
  leaderboard: [],
  roi: [],
  attribution: [],
} as unknown as ConversionReport

describe('filters in the URL', () => {
  it('falls back to the last 30 days in the browser zone', () => {
    const f = filtersFromSearch('', new Date(2026, 10, 30), 'America/Chicago')
    expect(f).toEqual({ from: '2026-11-01', to: '2026-11-30', tz: 'America/Chicago' })
  })

  it('keeps valid filters and drops malformed ones', () => {
    const f = filtersFromSearch('?from=2026-01-01&to=bad&source=zillow&agent=not-a-uuid', new Date(2026, 10, 30), 'UTC')
    expect(f.from).toBe('2026-01-01')
    expect(f.to).toBe('2026-11-30')
    expect(f.source).toBe('zillow')
    expect(f.agent).toBeUndefined()
  })

  it('round-trips through the query string', () => {
    const f = { from: '2026-01-01', to: '2026-02-01', tz: 'UTC', team: '01a24d7a-988d-7527-a14d-f6aeba43ef4a' }
    expect(filtersFromSearch(searchFromFilters(f), new Date(), 'UTC')).toEqual(f)
  })
})

describe('figures for the charts', () => {
  it('labels funnel bars with the rate from the step before', () => {
    const bars = funnelBars(report)
    expect(bars.map((b) => b.value)).toEqual([4, 3, 1])
    expect(bars[1].title).toBe('Contacted: 3 leads (75 % of the step before)')
    expect(bars[0].title).toBe('New: 4 leads')
  })

  it('turns cohorts into shares per stage, an empty week as 0 %', () => {
    const { weeks, cells } = cohortCells(report)
    expect(weeks).toEqual(['2026-11-02', '2026-11-09'])
    expect(cells).toContainEqual([1, 0, 75])
    expect(cells).toContainEqual([2, 0, 25])
    expect(cells).toContainEqual([0, 1, 0])
  })

  it('formats stages and rates for people', () => {
    expect(stageLabel('under_contract')).toBe('Under contract')
    expect(percent(0.0625)).toBe('6.3 %')
    expect(percent(null)).toBe('—')
  })

  it('is empty only without leads and deals', () => {
    expect(isEmpty(report)).toBe(false)
    expect(isEmpty({ ...report, funnel: [{ stage: 'new', leads: 0, rate: null }] } as ConversionReport)).toBe(true)
  })
})

describe('leaderboard and time-to-convert charts', () => {
  const row = (name: string, closedDeals: number, commissionCents: number) =>
    ({ agentId: name, name, closedDeals, volumeCents: commissionCents * 30, commissionCents, currency: 'USD', leads: 10, converted: closedDeals, rate: closedDeals / 10 })

  it('ranks agents by commission and leaves out those who closed nothing', () => {
    const bars = leaderboardBars({ ...report, leaderboard: [row('Ann', 1, 900_00), row('Bob', 0, 0), row('Cy', 2, 15_000_00)] } as ConversionReport)
    expect(bars.map((b) => [b.label, b.value])).toEqual([['Cy', 15_000], ['Ann', 900]])
    expect(bars[0].title).toBe('Cy: 2 closed, $15,000 commission')
  })

  it('ranks by deals closed when no commission was entered, and keeps the top ten', () => {
    const many = Array.from({ length: 12 }, (_, i) => row(`Agent ${String(i).padStart(2, '0')}`, i + 1, 0))
    const bars = leaderboardBars({ ...report, leaderboard: many } as ConversionReport)
    expect(bars).toHaveLength(10)
    expect(bars[0]).toMatchObject({ label: 'Agent 11', value: 12 })
  })

  it('is empty when nothing closed in the range', () => {
    expect(leaderboardBars(report)).toEqual([])
    expect(timeToConvertBars(report)).toEqual([])
  })

  it('shows median, 75th and 90th percentile days of the converted leads', () => {
    const bars = timeToConvertBars({ ...report, timeToConvert: { converted: 4, medianDays: 3, p75Days: 5.5, p90Days: 8.2 } } as ConversionReport)
    expect(bars.map((b) => b.value)).toEqual([3, 5.5, 8.2])
    expect(bars[0].title).toBe('Median: 3.0 days (4 converted)')
  })
})
