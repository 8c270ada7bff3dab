import { useState, type ReactNode } from 'react'
import { StandingBanner } from '../pages/payments/StandingBanner'
import type { Me } from '../api'
import { useSession } from '../auth/session'
import { Link } from '../router'
import { LiveIndicator } from './LiveIndicator'
import { Logo } from './Logo'
import { RoleBadge } from './RoleBadge'

const navigation = [
  { to: '/', label: 'Dashboard', roles: null },
  { to: '/leads', label: 'Leads', roles: null },
  { to: '/leads/import', label: 'Import', roles: ['owner', 'admin', 'team_lead'] },
  { to: '/tasks', label: 'My tasks', roles: null },
  { to: '/workflows', label: 'Workflows', roles: ['owner', 'admin', 'team_lead'] },
  { to: '/reports/conversions', label: 'Conversions', roles: null },
  { to: '/insights', label: 'Insights', roles: null },
  { to: '/assistant', label: 'Assistant', roles: null },
  { to: '/audit', label: 'Audit log', roles: ['owner', 'admin'] },
  { to: '/settings/profile', label: 'Settings', roles: null },
]

/** The navigation entry a path belongs to (a lead's page is under Leads). */
function current(path: string): string {
  if (path === '/leads/import') return path
  if (path.startsWith('/settings')) return '/settings/profile'
  if (path.startsWith('/leads')) return '/leads'
  if (path.startsWith('/workflows')) return '/workflows'
  return path
}

/** The frame around every signed-in page: brokerage, navigation, who is signed in, sign out. */
export function AppShell({ me, path, children }: { me: Me; path: string; children: ReactNode }) {
  const { signOut } = useSession()
  const [signingOut, setSigningOut] = useState(false)

  const handleSignOut = async () => {
    setSigningOut(true)
    await signOut()
  }

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="shell-header">
        <div className="shell-bar">
          <div className="shell-brand">
            <Link to="/" className="shell-home" aria-label="Beacon home">
              <Logo size={30} inverted />
            </Link>
            <span className="shell-tenant" title={me.tenant.name}>
              {me.tenant.name}
            </span>
          </div>
          <nav className="shell-nav" aria-label="Main">
            <ul>
              {navigation
                .filter((item) => !item.roles || item.roles.includes(me.role))
                .map((item) => (
                <li key={item.to}>
                  <Link to={item.to} aria-current={current(path) === item.to ? 'page' : undefined}>
                    {item.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <div className="shell-user">
            <LiveIndicator />
            <span className="avatar" aria-hidden="true">
              {initials(me.displayName)}
            </span>
            <span className="shell-user-text">
              <span className="shell-user-name">{me.displayName}</span>
              <RoleBadge role={me.role} />
            </span>
            <button type="button" className="button button-ghost-inverted" onClick={handleSignOut} disabled={signingOut}>
              {signingOut ? 'Signing out…' : 'Sign out'}
            </button>
          </div>
        </div>
      </header>
      <main id="main" className="shell-main">
        <StandingBanner me={me} path={path} />
        {children}
      </main>
    </div>
  )
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean)
  const letters = parts.length > 1 ? parts[0][0] + parts[parts.length - 1][0] : (parts[0] ?? '?').slice(0, 2)
  return letters.toUpperCase()
}
