import { useCallback, useEffect, useState, type FormEvent } from 'react'
import { describeError, settingsApi, type AssignmentSettings, type LeadSource, type User } from '../../api'
import { Alert } from '../../components/Alert'
import { Field } from '../../components/Field'
import { PageHeading } from '../../components/PageHeading'
import { SelectField } from '../../components/SelectField'
import { assignable } from '../../lib/useUsers'
import { describeRule, emptyDraft, move, toRule, type RuleDraft } from './routingRules'

const fetchAll = (signal?: AbortSignal) =>
  Promise.all([settingsApi.sources(signal), settingsApi.assignment(signal), settingsApi.users(signal)])

/**
 * Settings → Lead sources & routing: the sources leads arrive from (an archived one's leads are dropped) and how new
 * leads are assigned: an ordered list of rules (first match wins), then round robin or nobody.
 */
export function LeadRoutingPage() {
  const [sources, setSources] = useState<LeadSource[]>([])
  const [routing, setRouting] = useState<AssignmentSettings | null>(null)
  const [users, setUsers] = useState<User[]>([])
  const [newSource, setNewSource] = useState('')
  const [draft, setDraft] = useState<RuleDraft>(emptyDraft)
  const [draftErrors, setDraftErrors] = useState<Partial<Record<keyof RuleDraft, string>>>({})
  const [error, setError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)

  const apply = useCallback(([s, r, u]: [LeadSource[], AssignmentSettings, User[]]) => {
    setSources(s)
    setRouting(r)
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

  const saveRouting = (next: AssignmentSettings, done: string) => act(() => settingsApi.setAssignment(next), done)
  const agentName = (id: string) => users.find((u) => u.id === id)?.displayName ?? 'a former agent'

  const addSource = async (event: FormEvent) => {
    event.preventDefault()
    const name = newSource.trim().toLowerCase()
    if (!name) return setError('Enter the source’s name, such as “zillow” or “open house”.')
    if (await act(() => settingsApi.setSource(name, false), `Source ${name} added.`)) setNewSource('')
  }

  const addRule = async (event: FormEvent) => {
    event.preventDefault()
    if (!routing) return
    const result = toRule(draft)
    if ('errors' in result) return setDraftErrors(result.errors)
    setDraftErrors({})
    if (await saveRouting({ ...routing, rules: [...routing.rules, result.rule] }, 'Rule added.')) setDraft(emptyDraft)
  }

  return (
    <div className="page">
      <PageHeading>Lead sources & routing</PageHeading>
      <div className="status-slot" aria-live="polite">
        {error && <Alert tone="error">{error}</Alert>}
        {notice && !error && <Alert tone="info">{notice}</Alert>}
      </div>
      <section className="card" aria-labelledby="sources-title">
        <h2 id="sources-title" className="card-title">Lead sources</h2>
        <p className="muted">Leads from an archived source are accepted and dropped, so a retired campaign stops adding leads.</p>
        <table className="table" aria-label="Lead sources">
          <tbody>
            {sources.map((s) => (
              <tr key={s.name}>
                <td>{s.name}</td>
                <td>{s.archived ? <span className="badge badge-muted">Archived</span> : <span className="badge badge-success">Active</span>}</td>
                <td>
                  <button type="button" className="button button-small button-secondary"
                    onClick={() => act(() => settingsApi.setSource(s.name, !s.archived), `${s.name} ${s.archived ? 'restored' : 'archived'}.`)}>
                    {s.archived ? 'Restore' : 'Archive'}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <form className="form-grid" onSubmit={addSource} aria-label="Add a lead source">
          <Field label="New source" value={newSource} onChange={(e) => setNewSource(e.target.value)} maxLength={200} />
          <div className="button-row"><button type="submit" className="button button-secondary">Add source</button></div>
        </form>
      </section>
      {routing && (
        <section className="card" aria-labelledby="routing-title">
          <h2 id="routing-title" className="card-title">Routing of new leads</h2>
          <p className="muted">Rules are tried in order when a lead arrives; the first that matches assigns it.</p>
          <ol className="routing-rules" aria-label="Routing rules">
            {routing.rules.map((rule, i) => (
              <li key={`${i}-${rule.agentId}`}>
                <span>{rule.name && <strong>{rule.name}: </strong>}{describeRule(rule, agentName)}</span>
                <span className="button-row">
                  <button type="button" className="button button-small button-secondary" disabled={i === 0} aria-label={`Move rule ${i + 1} up`}
                    onClick={() => saveRouting({ ...routing, rules: move(routing.rules, i, -1) }, 'Order saved.')}>↑</button>
                  <button type="button" className="button button-small button-secondary" disabled={i === routing.rules.length - 1}
                    aria-label={`Move rule ${i + 1} down`} onClick={() => saveRouting({ ...routing, rules: move(routing.rules, i, 1) }, 'Order saved.')}>↓</button>
                  <button type="button" className="button button-small button-danger" aria-label={`Remove rule ${i + 1}`}
                    onClick={() => saveRouting({ ...routing, rules: routing.rules.filter((_, j) => j !== i) }, 'Rule removed.')}>Remove</button>
                </span>
              </li>
            ))}
          </ol>
          <SelectField label="When no rule matches" value={routing.mode}
            onChange={(e) => saveRouting({ ...routing, mode: e.target.value }, 'Saved.')}
            options={[{ value: 'round_robin', label: 'Round robin among agents' }, { value: 'manual', label: 'Leave unassigned' }]} />
          <form className="form-grid" onSubmit={addRule} noValidate aria-label="Add a routing rule">
            <Field label="Rule name (optional)" value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
            <Field label="Source is" value={draft.source} onChange={(e) => setDraft({ ...draft, source: e.target.value })}
              list="known-sources" errors={draftErrors.source ? [draftErrors.source] : undefined} />
            <datalist id="known-sources">{sources.map((s) => <option key={s.name} value={s.name} />)}</datalist>
            <Field label="ZIP code is one of" value={draft.zipCodes} onChange={(e) => setDraft({ ...draft, zipCodes: e.target.value })}
              placeholder="60614, 60657" errors={draftErrors.zipCodes ? [draftErrors.zipCodes] : undefined} />
            <SelectField label="Assign to" value={draft.agentId} onChange={(e) => setDraft({ ...draft, agentId: e.target.value })}
              placeholder="Choose an agent" errors={draftErrors.agentId ? [draftErrors.agentId] : undefined}
              options={assignable(users).map((u) => ({ value: u.id, label: u.displayName }))} />
            <div className="button-row"><button type="submit" className="button button-primary">Add rule</button></div>
          </form>
        </section>
      )}
    </div>
  )
}
