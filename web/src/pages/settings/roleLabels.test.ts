import { describe, expect, it } from 'vitest'
import type { Invitation } from '../../api'
import { canManage, grantable, invitationState } from './roleLabels'

const invitation = (changes: Partial<Invitation>): Invitation => ({
  id: 'i', email: 'a@example.test', role: 'agent', teamId: null, createdAt: '2026-01-01T00:00:00Z',
  expiresAt: '2026-01-08T00:00:00Z', acceptedAt: null, revokedAt: null, ...changes,
})

describe('who may grant and manage which role', () => {
  it('lets an owner grant every role and an admin only the roles below admin', () => {
    expect(grantable('owner')).toEqual(['owner', 'admin', 'team_lead', 'agent', 'read_only'])
    expect(grantable('admin')).toEqual(['team_lead', 'agent', 'read_only'])
  })

  it('keeps admins away from owners and other admins', () => {
    expect(canManage('admin', 'owner')).toBe(false)
    expect(canManage('admin', 'admin')).toBe(false)
    expect(canManage('admin', 'agent')).toBe(true)
    expect(canManage('owner', 'owner')).toBe(true)
  })
})

describe('invitation state', () => {
  const now = Date.parse('2026-01-02T00:00:00Z')
  it('is open until it expires, and accepted or revoked once it is', () => {
    expect(invitationState(invitation({}), now)).toBe('open')
    expect(invitationState(invitation({}), Date.parse('2026-01-09T00:00:00Z'))).toBe('expired')
    expect(invitationState(invitation({ acceptedAt: '2026-01-01T01:00:00Z' }), now)).toBe('accepted')
    expect(invitationState(invitation({ revokedAt: '2026-01-01T01:00:00Z' }), now)).toBe('revoked')
  })
})
