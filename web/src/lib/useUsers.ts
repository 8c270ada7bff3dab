import { useEffect, useState } from 'react'
import { leadsApi, type Me, type User } from '../api'
import { useSession } from '../auth/session'
import { SessionCache } from './sessionCache'

const cache = new SessionCache<User[] | null>()

/** The brokerage's users, loaded once per session (null while loading or when this role may not list them). */
export function useUsers(): User[] | null {
  const { session } = useSession()
  const key = session.status === 'signedIn' ? `${session.me.tenant.id}/${session.me.id}` : null
  // The answer is kept with the session it belongs to, so a new session never shows the previous one's list.
  const [loaded, setLoaded] = useState<{ key: string; users: User[] | null } | null>(null)
  useEffect(() => {
    if (!key) return
    let live = true
    cache.get(key, () => leadsApi.users()).then(
      (users) => live && setLoaded({ key, users }),
      () => live && setLoaded({ key, users: null }),
    )
    return () => {
      live = false
    }
  }, [key])
  return loaded?.key === key ? loaded.users : null
}

/** Agents and team leads who can hold leads, for assignment pickers. */
export function assignable(users: User[] | null): User[] {
  return (users ?? []).filter((u) => u.active && (u.role === 'agent' || u.role === 'team_lead'))
}

/** The display name of whoever holds a lead, as far as this user may know. */
export function agentName(id: string | null, users: User[] | null, me: Me): string {
  if (!id) return 'Unassigned'
  if (id === me.id) return 'You'
  return users?.find((u) => u.id === id)?.displayName ?? 'An agent'
}

export function canAssign(role: string): boolean {
  return role === 'owner' || role === 'admin' || role === 'team_lead'
}

export function canEdit(role: string): boolean {
  return role !== 'read_only'
}
