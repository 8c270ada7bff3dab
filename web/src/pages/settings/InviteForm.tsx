import { useState, type FormEvent } from 'react'
import { ApiError, describeError, settingsApi, type GrantableRole, type Team } from '../../api'
import { Alert } from '../../components/Alert'
import { Field } from '../../components/Field'
import { SelectField } from '../../components/SelectField'
import { grantable, roleLabels } from './roleLabels'

/** Invite someone by e-mail with a role and, optionally, a team: Beacon e-mails them the accept link. */
export function InviteForm({ actorRole, teams, onInvited }: { actorRole: string; teams: Team[]; onInvited: (email: string) => void }) {
  const roles = grantable(actorRole).filter((r) => r !== 'owner')
  const [email, setEmail] = useState('')
  const [role, setRole] = useState(roles.includes('agent') ? 'agent' : (roles[0] ?? ''))
  const [teamId, setTeamId] = useState('')
  const [errors, setErrors] = useState<Record<string, string[]>>({})
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setError(null)
    if (!/^\S+@\S+\.\S+$/.test(email.trim())) return setErrors({ email: ['Enter an e-mail address.'] })
    setErrors({})
    setBusy(true)
    try {
      await settingsApi.invite(email.trim(), role as GrantableRole, teamId || null)
      onInvited(email.trim())
      setEmail('')
    } catch (e) {
      if (e instanceof ApiError && e.status === 400 && e.problem.errors) setErrors(e.fieldErrors)
      else setError(describeError(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="form-grid" onSubmit={submit} noValidate aria-label="Invite a user" aria-busy={busy}>
      {error && <Alert tone="error">{error}</Alert>}
      <Field label="Email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} errors={errors.email} />
      <SelectField label="Role" value={role} onChange={(e) => setRole(e.target.value)} errors={errors.role}
        options={roles.map((r) => ({ value: r, label: roleLabels[r] }))} />
      <SelectField label="Team" value={teamId} onChange={(e) => setTeamId(e.target.value)} errors={errors.teamId} placeholder="No team"
        options={teams.map((t) => ({ value: t.id, label: t.name }))} />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Sending…' : 'Send invitation'}
        </button>
      </div>
    </form>
  )
}
