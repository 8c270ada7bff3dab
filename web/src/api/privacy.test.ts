import { describe, expect, it, vi } from 'vitest'
import type { ApiClient } from './client'
import { PrivacyApi, confirmsErasure, consentProblem, exportFileName } from './privacy'

describe('erasure confirmation', () => {
  const lead = { firstName: 'Karen', lastName: 'Vasquez' }

  it('accepts the lead’s full name typed in any case and spacing, or ERASE', () => {
    expect(confirmsErasure('  karen   VASQUEZ ', lead)).toBe(true)
    expect(confirmsErasure('erase', lead)).toBe(true)
  })

  it('refuses anything else, including a part of the name or nothing at all', () => {
    expect(confirmsErasure('Karen', lead)).toBe(false)
    expect(confirmsErasure('', lead)).toBe(false)
    expect(confirmsErasure('', { firstName: null, lastName: null })).toBe(false)
    expect(confirmsErasure('ERASE', { firstName: null, lastName: null })).toBe(true)
  })
})

describe('consent decisions', () => {
  it('needs where the decision was made, and for a consent the text the person was shown', () => {
    expect(consentProblem({ purpose: 'calls', decision: 'objected', source: ' ' })).toMatch(/where/)
    expect(consentProblem({ purpose: 'calls', decision: 'granted', source: 'web form' })).toMatch(/text/)
    expect(consentProblem({ purpose: 'calls', decision: 'granted', source: 'web form', textShown: 'Yes, call me' })).toBeNull()
    expect(consentProblem({ purpose: 'profiling', decision: 'withdrawn', source: 'e-mail' })).toBeNull()
  })
})

describe('privacy calls', () => {
  it('reach the consent, export, erasure and retention routes', async () => {
    const request = vi.fn().mockResolvedValue({})
    const privacy = new PrivacyApi({ request } as unknown as ApiClient)

    await privacy.consents('l1')
    await privacy.recordConsent('l1', { purpose: 'profiling', decision: 'objected', source: 'phone call' })
    await privacy.exportLead('l1')
    await privacy.erase('l1', 'ticket 12')
    await privacy.setRetention(true, 18)

    expect(request.mock.calls.map((c) => c.slice(0, 3))).toEqual([
      ['GET', '/leads/l1/consents', undefined],
      ['POST', '/leads/l1/consents', { purpose: 'profiling', decision: 'objected', source: 'phone call' }],
      ['GET', '/leads/l1/export'],
      ['POST', '/leads/l1/erase', { reason: 'ticket 12' }],
      ['PUT', '/privacy/retention', { enabled: true, inactiveMonths: 18 }],
    ])
  })

  it('names the export file after the lead and the day', () => {
    expect(exportFileName('l1', new Date('2026-12-06T18:00:00Z'))).toBe('lead-l1-2026-12-06.json')
  })
})
