import { useEffect, useState, type FormEvent } from 'react'
import { ApiError, describeError, settingsApi, type ApiKey, type GrantableRole, type Me } from '../../api'
import { Alert } from '../../components/Alert'
import { Field } from '../../components/Field'
import { PageHeading } from '../../components/PageHeading'
import { SelectField } from '../../components/SelectField'
import { formatDateTime } from '../../lib/format'
import { grantable, roleLabels } from './roleLabels'

/** Settings → API keys: create (the key is shown once), see when each was last used, revoke. */
export function ApiKeysPage({ me }: { me: Me }) {
  // A key acts for its creator and never above them: their own role, or any below it.
  const roles = [me.role, ...grantable(me.role)].filter((r, i, all) => r !== 'owner' && all.indexOf(r) === i)
  const [keys, setKeys] = useState<ApiKey[] | null>(null)
  const [name, setName] = useState('')
  const [role, setRole] = useState(roles.includes('agent') ? 'agent' : roles[0])
  const [created, setCreated] = useState<string | null>(null)
  const [copied, setCopied] = useState(false)
  const [errors, setErrors] = useState<Record<string, string[]>>({})
  const [error, setError] = useState<string | null>(null)

  const reload = async () => setKeys(await settingsApi.apiKeys())
  useEffect(() => {
    const abort = new AbortController()
    settingsApi.apiKeys(abort.signal).then(setKeys, (e: unknown) => abort.signal.aborted || setError(describeError(e)))
    return () => abort.abort()
  }, [])

  const create = async (event: FormEvent) => {
    event.preventDefault()
    setError(null)
    if (!name.trim()) return setErrors({ name: ['Name the key after what will use it, such as “Zapier”.'] })
    setErrors({})
    try {
      const answer = await settingsApi.createApiKey(name.trim(), role as GrantableRole)
      setCreated(answer.key)
      setCopied(false)
      setName('')
      await reload()
    } catch (e) {
      if (e instanceof ApiError && e.status === 400 && e.problem.errors) setErrors(e.fieldErrors)
      else setError(describeError(e))
    }
  }

  const revoke = async (key: ApiKey) => {
    if (!window.confirm(`Revoke “${key.name}”? Anything using it stops working at once.`)) return
    try {
      await settingsApi.revokeApiKey(key.id)
      await reload()
    } catch (e) {
      setError(describeError(e))
    }
  }

  const copy = async () => {
    if (!created) return
    await navigator.clipboard.writeText(created)
    setCopied(true)
  }

  return (
    <div className="page">
      <PageHeading>API keys</PageHeading>
      <div className="status-slot" aria-live="polite">{error && <Alert tone="error">{error}</Alert>}</div>
      {created && (
        <section className="card webhook-secret" aria-label="New API key">
          <p><strong>Copy this key now.</strong> Beacon keeps only a fingerprint of it and cannot show it again.</p>
          <code data-testid="api-key-secret">{created}</code>
          <div className="button-row">
            <button type="button" className="button button-primary button-small" onClick={copy}>{copied ? 'Copied' : 'Copy key'}</button>
            <button type="button" className="button button-secondary button-small" onClick={() => setCreated(null)}>Done</button>
          </div>
        </section>
      )}
      <section className="card">
        <form className="form-grid" onSubmit={create} noValidate aria-label="New API key">
          <Field label="Name" value={name} onChange={(e) => setName(e.target.value)} errors={errors.name} maxLength={100} />
          <SelectField label="Role" value={role} onChange={(e) => setRole(e.target.value)} errors={errors.role}
            options={roles.map((r) => ({ value: r, label: roleLabels[r] }))} />
          <div className="button-row"><button type="submit" className="button button-primary">Create key</button></div>
        </form>
      </section>
      <section className="card">
        {keys?.length === 0 ? <p className="muted">No API keys yet.</p> : (
          <table className="table" aria-label="API keys">
            <thead><tr><th>Name</th><th>Key</th><th>Role</th><th>Created</th><th>Last used</th><th /></tr></thead>
            <tbody>
              {keys?.map((k) => (
                <tr key={k.id} data-testid={`api-key-${k.name}`}>
                  <td>{k.name}</td>
                  <td><code>{k.prefix}</code></td>
                  <td>
                    {roleLabels[k.role]}
                    {k.effectiveRole && k.effectiveRole !== k.role && <span className="muted"> (acts as {roleLabels[k.effectiveRole]})</span>}
                  </td>
                  <td>{formatDateTime(k.createdAt)}</td>
                  <td data-testid="last-used">{k.lastUsedAt ? formatDateTime(k.lastUsedAt) : 'Never'}</td>
                  <td>
                    {k.revokedAt ? <span className="badge badge-muted">Revoked</span> : (
                      <button type="button" className="button button-small button-danger" onClick={() => revoke(k)}>Revoke</button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  )
}
