import { useCallback, useEffect, useState } from 'react'
import { describeError, settingsApi, type Invitation, type Me, type Team, type User, type UserChanges } from '../../api'
import { Alert } from '../../components/Alert'
import { PageHeading } from '../../components/PageHeading'
import { formatDateTime } from '../../lib/format'
import { InviteForm } from './InviteForm'
import { canManage, grantable, invitationState, roleLabels } from './roleLabels'

const fetchAll = (signal?: AbortSignal) =>
  Promise.all([settingsApi.users(signal), settingsApi.invitations(signal), settingsApi.teams(signal)])

/** Settings → Users & invitations: who is in the brokerage, their role, team and access; who was invited. */
export function UsersPage({ me }: { me: Me }) {
  const [users, setUsers] = useState<User[] | null>(null)
  const [invitations, setInvitations] = useState<Invitation[]>([])
  const [teams, setTeams] = useState<Team[]>([])
  const [error, setError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)

  const apply = useCallback(([u, i, t]: [User[], Invitation[], Team[]]) => {
    setUsers(u)
    setInvitations(i)
    setTeams(t)
  }, [])
  const reload = async () => apply(await fetchAll())

  useEffect(() => {
    const abort = new AbortController()
    fetchAll(abort.signal).then(apply, (e: unknown) => abort.signal.aborted || setError(describeError(e)))
    return () => abort.abort()
  }, [apply])

  const act = (task: () => Promise<unknown>, done: string) => async () => {
    setError(null)
    setNotice(null)
    try {
      await task()
      await reload()
      setNotice(done)
    } catch (e) {
      setError(describeError(e))
    }
  }

  const change = (u: User, changes: UserChanges, done: string) => act(() => settingsApi.updateUser(u.id, changes), done)()
  const teamName = (id: string | null | undefined) => teams.find((t) => t.id === id)?.name ?? '—'

  return (
    <div className="page">
      <PageHeading>Users & invitations</PageHeading>
      <div className="status-slot" aria-live="polite">
        {error && <Alert tone="error">{error}</Alert>}
        {notice && !error && <Alert tone="info">{notice}</Alert>}
      </div>
      <section className="card" aria-labelledby="invite-title">
        <h2 id="invite-title" className="card-title">Invite someone</h2>
        <InviteForm actorRole={me.role} teams={teams}
          onInvited={(email) => act(() => Promise.resolve(), `Invitation e-mailed to ${email}.`)()} />
      </section>
      <section className="card" aria-labelledby="users-title">
        <h2 id="users-title" className="card-title">Users</h2>
        {users === null ? <p className="muted">Loading…</p> : (
          <table className="table" aria-label="Users">
            <thead>
              <tr><th>Name</th><th>Role</th><th>Team</th><th>Last sign-in</th><th>Access</th></tr>
            </thead>
            <tbody>
              {users.map((u) => {
                const manageable = u.id !== me.id && canManage(me.role, u.role)
                return (
                  <tr key={u.id} data-testid={`user-${u.email}`}>
                    <td>{u.displayName}<br /><span className="muted">{u.email}</span></td>
                    <td>
                      {manageable ? (
                        <select aria-label={`Role of ${u.displayName}`} value={u.role}
                          onChange={(e) => change(u, { role: e.target.value }, `${u.displayName} is now ${roleLabels[e.target.value]}.`)}>
                          {[...new Set([u.role, ...grantable(me.role)])].map((r) => <option key={r} value={r}>{roleLabels[r]}</option>)}
                        </select>
                      ) : roleLabels[u.role]}
                    </td>
                    <td>
                      {manageable ? (
                        <select aria-label={`Team of ${u.displayName}`} value={u.teamId ?? ''}
                          onChange={(e) => e.target.value && change(u, { teamId: e.target.value }, `${u.displayName} moved to ${teamName(e.target.value)}.`)}>
                          {!u.teamId && <option value="">No team</option>}
                          {teams.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
                        </select>
                      ) : teamName(u.teamId)}
                    </td>
                    <td>{u.lastLoginAt ? formatDateTime(u.lastLoginAt) : 'Never'}</td>
                    <td>
                      {!u.active && <span className="badge badge-muted">Deactivated</span>}{' '}
                      {manageable && (
                        <button type="button" className={`button button-small ${u.active ? 'button-danger' : 'button-secondary'}`}
                          onClick={() => change(u, { active: !u.active }, `${u.displayName} is ${u.active ? 'deactivated: signed out, API keys revoked' : 'active again'}.`)}>
                          {u.active ? 'Deactivate' : 'Reactivate'}
                        </button>
                      )}
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        )}
      </section>
      <section className="card" aria-labelledby="invitations-title">
        <h2 id="invitations-title" className="card-title">Invitations</h2>
        {invitations.length === 0 ? <p className="muted">Nobody has been invited yet.</p> : (
          <table className="table" aria-label="Invitations">
            <thead>
              <tr><th>Email</th><th>Role</th><th>Status</th><th>Sent</th><th /></tr>
            </thead>
            <tbody>
              {invitations.map((i) => {
                const state = invitationState(i)
                return (
                  <tr key={i.id} data-testid={`invitation-${i.email}`}>
                    <td>{i.email}</td>
                    <td>{roleLabels[i.role]}</td>
                    <td><span className={`badge ${state === 'open' ? 'badge-success' : 'badge-muted'}`}>{state}</span></td>
                    <td>{formatDateTime(i.createdAt)}</td>
                    <td className="button-row">
                      {(state === 'open' || state === 'expired') && (
                        <button type="button" className="button button-small button-secondary"
                          onClick={act(() => settingsApi.resendInvitation(i.id), `Invitation e-mailed to ${i.email} again; the earlier link no longer works.`)}>
                          Resend
                        </button>
                      )}
                      {state === 'open' && (
                        <button type="button" className="button button-small button-danger"
                          onClick={act(() => settingsApi.revokeInvitation(i.id), `The invitation of ${i.email} is withdrawn.`)}>
                          Revoke
                        </button>
                      )}
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        )}
      </section>
    </div>
  )
}
