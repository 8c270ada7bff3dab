import { useEffect, useState } from 'react'
import { leadsApi, type Me, type User } from '../api'

let cache: Promise<User[] | null> | null = null

/** The brokerage's users, loaded once per page (null while loading or when this role may not list them). */
export function useUsers(): User[] | null {
  const [users, setUsers] = useState<User[] | null>(null)
  useEffect(() => {
    let live = true
    cache ??= leadsApi.users().catch(() => {
      cache = null
      return null
    })
    void cache.then((list) => live && setUsers(list))
    return () => {
      live = false
    }
  }, [])
  return users
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
