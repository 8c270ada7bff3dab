import { describe, expect, it } from 'vitest'
import type { LeadStats } from '../api'
import { countCreated, createdLead } from './dashboardCounts'

const stats: LeadStats = {
  from: '2026-11-15T08:00:00Z',
  to: '2026-11-22T08:00:00Z',
  timeZone: 'America/Los_Angeles',
  total: 3,
  createdToday: 1,
  stillNew: 2,
  byDay: [
    { day: '2026-11-20', count: 2 },
    { day: '2026-11-21', count: 1 },
  ],
  byStage: [
    { stage: 'new', count: 2 },
    { stage: 'contacted', count: 1 },
  ],
  bySource: [
    { source: 'website', count: 2 },
    { source: 'zillow', count: 1 },
  ],
}

describe('dashboard counts of a new lead', () => {
  it("reads the lead's local day in the figures' zone", () => {
    // 05:30 UTC on the 21st is still the 20th in Los Angeles.
    expect(createdLead({ stage: 'new', source: 'zillow' }, '2026-11-21T05:30:00Z', 'America/Los_Angeles')).toEqual({
      stage: 'new',
      source: 'zillow',
      day: '2026-11-20',
    })
    expect(createdLead({ stage: 'new' }, '2026-11-21T05:30:00Z', 'UTC')).toBeNull()
  })

  it('counts it in every figure it belongs to and keeps sources ordered', () => {
    const next = countCreated(stats, { stage: 'new', source: 'zillow', day: '2026-11-21' }, '2026-11-21')!
    expect(next.total).toBe(4)
    expect(next.createdToday).toBe(2)
    expect(next.stillNew).toBe(3)
    expect(next.byDay).toEqual([
      { day: '2026-11-20', count: 2 },
      { day: '2026-11-21', count: 2 },
    ])
    expect(next.byStage[0]).toEqual({ stage: 'new', count: 3 })
    expect(next.bySource.map((s) => s.count)).toEqual([2, 2])
    expect(stats.total).toBe(3)
  })

  it('adds a stage or source not yet counted, and declines a day outside the range', () => {
    const next = countCreated(stats, { stage: 'qualified', source: 'referral', day: '2026-11-20' }, '2026-11-21')!
    expect(next.createdToday).toBe(1)
    expect(next.stillNew).toBe(2)
    expect(next.byStage).toContainEqual({ stage: 'qualified', count: 1 })
    expect(next.bySource).toContainEqual({ source: 'referral', count: 1 })
    expect(countCreated(stats, { stage: 'new', source: 'web', day: '2026-11-01' }, '2026-11-21')).toBeNull()
  })
})
