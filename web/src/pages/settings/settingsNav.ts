/** One entry of the settings area's left navigation. */
export interface SettingsNavItem {
  to: string
  label: string
  /** Roles that see the entry; null: everyone signed in with a password (not an API key). */
  roles: readonly string[] | null
  group: 'You' | 'Brokerage' | 'Plan'
}

const managers = ['owner', 'admin'] as const

/**
 * Every settings screen, in the order of the left navigation. Usage, Plan & invoices and
 * Payment are Billing's and Payments' pages, handed in by App.tsx like Webhooks and Privacy.
 */
export const settingsNavigation: readonly SettingsNavItem[] = [
  { to: '/settings/profile', label: 'Profile', roles: null, group: 'You' },
  { to: '/settings/password', label: 'Password', roles: null, group: 'You' },
  { to: '/settings/users', label: 'Users & invitations', roles: managers, group: 'Brokerage' },
  { to: '/settings/roles', label: 'Roles', roles: ['owner', 'admin', 'team_lead'], group: 'Brokerage' },
  { to: '/settings/teams', label: 'Teams', roles: managers, group: 'Brokerage' },
  { to: '/settings/api-keys', label: 'API keys', roles: managers, group: 'Brokerage' },
  { to: '/settings/lead-routing', label: 'Lead sources & routing', roles: managers, group: 'Brokerage' },
  { to: '/settings/webhooks', label: 'Webhooks', roles: managers, group: 'Brokerage' },
  { to: '/settings/privacy', label: 'Privacy', roles: managers, group: 'Brokerage' },
  { to: '/settings/sso', label: 'Single sign-on', roles: managers, group: 'Brokerage' },
  { to: '/settings/workflows', label: 'Workflows', roles: managers, group: 'Brokerage' },
  { to: '/settings/usage', label: 'Usage', roles: managers, group: 'Plan' },
  { to: '/settings/billing', label: 'Plan & invoices', roles: managers, group: 'Plan' },
  { to: '/settings/payment', label: 'Payment', roles: managers, group: 'Plan' },
  { to: '/settings/limits', label: 'Rate limits', roles: null, group: 'Plan' },
]

/** The settings screens a role may open (agents and read-only users: their profile and password). */
export function settingsFor(role: string): SettingsNavItem[] {
  return settingsNavigation.filter((item) => item.roles === null || item.roles.includes(role))
}

/** Whether `path` is a settings screen `role` may open; `/settings` itself opens the first one. */
export function canOpenSettings(path: string, role: string): boolean {
  return settingsFor(role).some((item) => item.to === path)
}
