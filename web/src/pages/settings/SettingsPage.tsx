import { useEffect, type ReactNode } from 'react'
import type { Me } from '../../api'
import { NotFoundPage } from '../NotFoundPage'
import { navigate } from '../../router'
import { ApiKeysPage } from './ApiKeysPage'
import { LeadRoutingPage } from './LeadRoutingPage'
import { PasswordPage } from './PasswordPage'
import { ProfilePage } from './ProfilePage'
import { RolesPage } from './RolesPage'
import { SettingsLayout } from './SettingsLayout'
import { SsoSettingsPage } from './SsoSettingsPage'
import { canOpenSettings } from './settingsNav'
import { TeamsPage } from './TeamsPage'
import { UsersPage } from './UsersPage'

/**
 * The settings area: `/settings` opens Profile; a screen the role may not open is "not found", as elsewhere.
 * `pages` adds screens owned elsewhere (webhooks, privacy, and plan pages as they land).
 */
export function SettingsPage({ me, path, pages }: { me: Me; path: string; pages: Record<string, () => ReactNode> }) {
  useEffect(() => {
    if (path === '/settings' || path === '/settings/') navigate('/settings/profile', { replace: true })
  }, [path])

  const own: Record<string, () => ReactNode> = {
    '/settings/profile': () => <ProfilePage me={me} />,
    '/settings/password': () => <PasswordPage />,
    '/settings/users': () => <UsersPage me={me} />,
    '/settings/roles': () => <RolesPage />,
    '/settings/teams': () => <TeamsPage />,
    '/settings/api-keys': () => <ApiKeysPage me={me} />,
    '/settings/lead-routing': () => <LeadRoutingPage />,
    '/settings/sso': () => <SsoSettingsPage me={me} />,
    ...pages,
  }
  const screen = canOpenSettings(path, me.role) ? own[path] : undefined
  return (
    <SettingsLayout me={me} path={path}>
      {screen ? screen() : <NotFoundPage />}
    </SettingsLayout>
  )
}
