import { describe, expect, it } from 'vitest'
import { auditChanges, auditQuery } from './audit'

describe('audit helpers', () => {
  it('builds the query from the filters that are set, the to-day included whole', () => {
    const query = new URLSearchParams(auditQuery({ action: ' lead.updated ', actor: '', from: '2026-12-01', to: '2026-12-01' }, 42, 50))
    expect(query.get('action')).toBe('lead.updated')
    expect(query.has('actor')).toBe(false)
    expect(new Date(query.get('to')!).getTime() - new Date(query.get('from')!).getTime()).toBe(24 * 3600 * 1000)
    expect(query.get('cursor')).toBe('42')
    expect(query.get('limit')).toBe('50')
  })

  it('shows an event\'s field changes before and after, unquoted', () => {
    const changes = auditChanges({
      event: { changes: [{ field: 'firstName', previous: '"Ann"', current: '"Anne"' }, { field: 'priceMax', previous: null, current: '500000' }] },
    })
    expect(changes).toEqual([
      { field: 'firstName', before: 'Ann', after: 'Anne' },
      { field: 'priceMax', before: '—', after: '500000' },
    ])
  })

  it('falls back to the request values as the after, and shows nothing once redacted', () => {
    expect(auditChanges({ request: { name: 'Team A', archived: false } })).toEqual([
      { field: 'name', before: '—', after: 'Team A' },
      { field: 'archived', before: '—', after: 'false' },
    ])
    expect(auditChanges(null)).toEqual([])
  })
})
