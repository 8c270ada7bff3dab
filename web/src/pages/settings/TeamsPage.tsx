import { useCallback, useEffect, useState, type FormEvent } from 'react'
import { describeError, settingsApi, type Team, type User } from '../../api'
import { Alert } from '../../components/Alert'
import { Field } from '../../components/Field'
import { PageHeading } from '../../components/PageHeading'

const canLead = (u: User) => u.active && ['team_lead', 'admin', 'owner'].includes(u.role)

const fetchAll = (signal?: AbortSignal) => Promise.all([settingsApi.teams(signal), settingsApi.users(signal)])

/** Settings → Teams: create and rename teams, see their members, name each team's lead. */
export function TeamsPage() {
  const [teams, setTeams] = useState<Team[] | null>(null)
  const [users, setUsers] = useState<User[]>([])
  const [name, setName] = useState('')
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)

  const apply = useCallback(([t, u]: [Team[], User[]]) => {
    setTeams(t)
    setUsers(u)
  }, [])
  const reload = async () => apply(await fetchAll())

  useEffect(() => {
    const abort = new AbortController()
    fetchAll(abort.signal).then(apply, (e: unknown) => abort.signal.aborted || setError(describeError(e)))
    return () => abort.abort()
  }, [apply])

  const act = async (task: () => Promise<unknown>, done: string) => {
    setError(null)
    setNotice(null)
    try {
      await task()
      await reload()
      setNotice(done)
      return true
    } catch (e) {
      setError(describeError(e))
      return false
    }
  }

  const create = async (event: FormEvent) => {
    event.preventDefault()
    if (!name.trim()) return setError('Enter the new team’s name.')
    if (await act(() => settingsApi.createTeam(name.trim()), `Team ${name.trim()} created.`)) setName('')
  }

  const rename = async (event: FormEvent) => {
    event.preventDefault()
    if (!renaming) return
    if (await act(() => settingsApi.updateTeam(renaming.id, { name: renaming.name.trim() }), 'Team renamed.')) setRenaming(null)
  }

  return (
    <div className="page">
      <PageHeading>Teams</PageHeading>
      <div className="status-slot" aria-live="polite">
        {error && <Alert tone="error">{error}</Alert>}
        {notice && !error && <Alert tone="info">{notice}</Alert>}
      </div>
      <section className="card">
        <form className="form-grid" onSubmit={create} aria-label="New team">
          <Field label="New team" value={name} onChange={(e) => setName(e.target.value)} maxLength={100} />
          <div className="button-row"><button type="submit" className="button button-primary">Create team</button></div>
        </form>
      </section>
      {teams?.length === 0 && <p className="muted">No teams yet. A team groups agents under a team lead, who sees their leads.</p>}
      {teams?.map((team) => {
        const members = users.filter((u) => u.teamId === team.id)
        return (
          <section key={team.id} className="card" aria-label={`Team ${team.name}`}>
            {renaming?.id === team.id ? (
              <form className="form-grid" onSubmit={rename} aria-label={`Rename ${team.name}`}>
                <Field label="Name" value={renaming.name} onChange={(e) => setRenaming({ id: team.id, name: e.target.value })} autoFocus />
                <div className="button-row">
                  <button type="submit" className="button button-primary button-small">Save</button>
                  <button type="button" className="button button-secondary button-small" onClick={() => setRenaming(null)}>Cancel</button>
                </div>
              </form>
            ) : (
              <div className="card-title-row">
                <h2 className="card-title">{team.name}</h2>
                <button type="button" className="button button-small button-secondary" onClick={() => setRenaming({ id: team.id, name: team.name })}>
                  Rename
                </button>
              </div>
            )}
            <label className="field">
              Team lead{' '}
              <select value={team.leadUserId ?? ''} onChange={(e) => act(() => settingsApi.updateTeam(team.id,
                e.target.value ? { leadUserId: e.target.value } : { clearLead: true }), 'Team lead saved.')}>
                <option value="">No lead</option>
                {members.filter(canLead).map((u) => <option key={u.id} value={u.id}>{u.displayName}</option>)}
              </select>
            </label>
            {members.length === 0 ? (
              <p className="muted">No members. Move users here from Users & invitations.</p>
            ) : (
              <ul className="tags" aria-label="Members">
                {members.map((u) => <li key={u.id} className="tag">{u.displayName}{u.active ? '' : ' (deactivated)'}</li>)}
              </ul>
            )}
          </section>
        )
      })}
    </div>
  )
}
