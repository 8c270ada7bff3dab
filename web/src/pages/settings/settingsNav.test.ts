import { describe, expect, it } from 'vitest'
import { canOpenSettings, settingsFor } from './settingsNav'

const paths = (role: string) => settingsFor(role).map((i) => i.to)

describe('settings navigation', () => {
  it('shows agents and read-only users only their profile, password and rate limits', () => {
    expect(paths('agent')).toEqual(['/settings/profile', '/settings/password', '/settings/limits'])
    expect(paths('read_only')).toEqual(['/settings/profile', '/settings/password', '/settings/limits'])
  })

  it('shows team leads the roles table besides their own screens, and nothing they cannot change', () => {
    expect(paths('team_lead')).toEqual(['/settings/profile', '/settings/password', '/settings/roles', '/settings/limits'])
  })

  it('shows admins the brokerage and plan screens (billing is owners\' and admins\', as its API is)', () => {
    const admin = paths('admin')
    expect(admin).toContain('/settings/users')
    expect(admin).toContain('/settings/api-keys')
    expect(admin).toContain('/settings/usage')
    expect(admin).toContain('/settings/billing')
    expect(admin).toContain('/settings/payment')
    expect(admin).toContain('/settings/sso')
    expect(admin).toContain('/settings/workflows')
  })

  it('shows owners every screen, plan pages included', () => {
    expect(paths('owner')).toContain('/settings/billing')
    expect(paths('owner')).toContain('/settings/payment')
  })

  it('refuses a screen the role may not open, even typed into the address bar', () => {
    expect(canOpenSettings('/settings/api-keys', 'agent')).toBe(false)
    expect(canOpenSettings('/settings/sso', 'team_lead')).toBe(false)
    expect(canOpenSettings('/settings/api-keys', 'admin')).toBe(true)
    expect(canOpenSettings('/settings/nonsense', 'owner')).toBe(false)
  })
})
