import type { Invitation } from '../../api'

export const roleLabels: Record<string, string> = {
  owner: 'Owner',
  admin: 'Admin',
  team_lead: 'Team lead',
  agent: 'Agent',
  read_only: 'Read-only',
}

const rank = ['read_only', 'agent', 'team_lead', 'admin', 'owner']

/** Roles `actor` may give (docs/api/roles.md): an owner any, anyone else only those strictly below their own. */
export function grantable(actor: string): string[] {
  return rank.filter((r) => actor === 'owner' || rank.indexOf(r) < rank.indexOf(actor)).reverse()
}

/** Whether `actor` may change a user holding `target` (an owner manages everyone; others only roles below theirs). */
export function canManage(actor: string, target: string): boolean {
  return actor === 'owner' || rank.indexOf(actor) > rank.indexOf(target)
}

export type InvitationState = 'open' | 'accepted' | 'revoked' | 'expired'

/** Where an invitation stands at `now` (ms since the epoch). */
export function invitationState(i: Invitation, now = Date.now()): InvitationState {
  if (i.acceptedAt) return 'accepted'
  if (i.revokedAt) return 'revoked'
  return Date.parse(i.expiresAt) <= now ? 'expired' : 'open'
}
