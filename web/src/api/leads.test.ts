import { describe, expect, it, vi } from 'vitest'
import type { ApiClient } from './client'
import { parseHeader } from '../pages/importHeader'
import { LeadsApi, humanize, leadName, leadQuery, matchesFilters } from './leads'
import type { Lead } from './types'

const lead: Lead = {
  id: 'l1',
  firstName: 'Karen',
  lastName: 'Vasquez',
  emails: ['karen@example.com'],
  phones: ['+19165551971'],
  source: 'zillow',
  sourceDetail: null,
  type: 'buyer',
  stage: 'new',
  priceMin: null,
  priceMax: null,
  zipCodes: [],
  areas: [],
  timeline: null,
  financing: null,
  propertyAddress: null,
  assignedTo: 'a1',
  tags: ['vip'],
  customFields: {},
  consents: {},
  timeZone: null,
  timeZoneSource: null,
  externalId: null,
  version: 1,
  createdAt: '2026-11-21T10:00:00Z',
  updatedAt: '2026-11-21T10:00:00Z',
  lastActivityAt: '2026-11-21T10:00:00Z',
}

describe('lead helpers', () => {
  it('builds the list query from the filters that are set', () => {
    expect(leadQuery({ stage: 'new', q: '', unassigned: false, sort: '-created' }, 'abc', 50)).toBe(
      'stage=new&sort=-created&limit=50&cursor=abc',
    )
  })

  it('decides whether a lead that arrives live belongs in the filtered list', () => {
    expect(matchesFilters(lead, {})).toBe(true)
    expect(matchesFilters(lead, { stage: 'new,contacted', type: 'buyer', source: 'Zillow', tag: 'VIP' })).toBe(true)
    expect(matchesFilters(lead, { stage: 'closed' })).toBe(false)
    expect(matchesFilters(lead, { assignedTo: 'a2' })).toBe(false)
    expect(matchesFilters(lead, { unassigned: true })).toBe(false)
    expect(matchesFilters(lead, { q: 'vasq' })).toBe(true)
    expect(matchesFilters(lead, { q: '(916) 555-19' })).toBe(true)
    expect(matchesFilters(lead, { q: 'smith' })).toBe(false)
  })

  it('names a lead by name, else by how to reach it', () => {
    expect(leadName(lead)).toBe('Karen Vasquez')
    expect(leadName({ ...lead, firstName: null, lastName: null })).toBe('karen@example.com')
    expect(humanize('under_contract')).toBe('Under contract')
    expect(humanize('0_3_months')).toBe('0–3 months')
  })

  it('reads a CSV header with quotes', () => {
    expect(parseHeader('\uFEFFName,"E-mail, work","Say ""hi"""\r\nx,y,z')).toEqual(['Name', 'E-mail, work', 'Say "hi"'])
  })
})

describe('lead stats', () => {
  it('asks for the range and zone it is given, and nothing when it is given none', async () => {
    const request = vi.fn().mockResolvedValue({ total: 0 })
    const leads = new LeadsApi({ request } as unknown as ApiClient)

    await leads.stats({ from: '2026-11-15T08:00:00.000Z', to: '2026-11-22T08:00:00.000Z', tz: 'America/Los_Angeles' })
    await leads.stats()

    expect(request.mock.calls[0].slice(0, 2)).toEqual([
      'GET',
      '/leads/stats?from=2026-11-15T08%3A00%3A00.000Z&to=2026-11-22T08%3A00%3A00.000Z&tz=America%2FLos_Angeles',
    ])
    expect(request.mock.calls[1].slice(0, 2)).toEqual(['GET', '/leads/stats'])
  })
})
