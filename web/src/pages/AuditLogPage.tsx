import { useCallback, useEffect, useState } from 'react'
import { auditApi, describeError, type AuditEntry, type AuditFilters, type AuditVerdict } from '../api'
import { Alert } from '../components/Alert'
import { PageHeading } from '../components/PageHeading'
import { SelectField } from '../components/SelectField'
import { useUsers } from '../lib/useUsers'
import { AuditEntryRow } from './audit/AuditEntryRow'

const subjectTypes = ['lead', 'user', 'invitation', 'api-key', 'team', 'import', 'model', 'lead-source', 'enrichment'].map((t) => ({
  value: t,
  label: t,
}))

/** The brokerage's audit trail for admins and owners: filters, each change's before and after, and a chain check. */
export function AuditLogPage() {
  const users = useUsers()
  const [filters, setFilters] = useState<AuditFilters>({})
  const [items, setItems] = useState<AuditEntry[]>([])
  const [next, setNext] = useState<number | null>(null)
  // The filters the list on screen was loaded for: loading while they differ from the filters chosen.
  const [loadedFilters, setLoadedFilters] = useState<AuditFilters | null>(null)
  const loading = loadedFilters !== filters
  const [error, setError] = useState<string | null>(null)
  const [verdict, setVerdict] = useState<AuditVerdict | null>(null)
  const [verifying, setVerifying] = useState(false)

  useEffect(() => {
    const abort = new AbortController()
    auditApi
      .list(filters, null, abort.signal)
      .then((page) => {
        setItems(page.items)
        setNext(page.next)
        setError(null)
      })
      .catch((e: unknown) => !abort.signal.aborted && setError(describeError(e)))
      .finally(() => !abort.signal.aborted && setLoadedFilters(filters))
    return () => abort.abort()
  }, [filters])

  const loadMore = useCallback(async () => {
    try {
      const page = await auditApi.list(filters, next)
      setItems((current) => [...current, ...page.items])
      setNext(page.next)
    } catch (e) {
      setError(describeError(e))
    }
  }, [filters, next])

  const verify = async () => {
    setVerifying(true)
    try {
      setVerdict(await auditApi.verify())
    } catch (e) {
      setError(describeError(e))
    } finally {
      setVerifying(false)
    }
  }

  // A text filter commits on Enter and again on blur: an unchanged value must not reload (and collapse) the list.
  const set = (key: keyof AuditFilters, value: string) =>
    setFilters((f) => ((f[key] ?? '') === value.trim() ? f : { ...f, [key]: value.trim() || undefined }))

  return (
    <div className="page">
      <div className="page-title-row">
        <PageHeading>Audit log</PageHeading>
        <div className="page-actions">
          <button type="button" className="button button-secondary" onClick={() => void verify()} disabled={verifying}>
            {verifying ? 'Verifying…' : 'Verify integrity'}
          </button>
        </div>
      </div>
      {verdict && (
        <Alert tone={verdict.ok ? 'info' : 'error'}>
          <span data-testid="audit-verdict">{verdict.message}</span>
        </Alert>
      )}
      {error && <Alert tone="error">{error}</Alert>}

      <section className="card filters audit-filters" aria-label="Filter the audit log">
        <SelectField
          label="Who"
          placeholder="Anyone"
          options={(users ?? []).map((u) => ({ value: u.id, label: u.displayName }))}
          value={filters.actor ?? ''}
          onChange={(e) => set('actor', e.target.value)}
        />
        <TextFilter label="Action" placeholder="e.g. lead.updated" value={filters.action} onCommit={(v) => set('action', v)} />
        <SelectField
          label="Record type"
          placeholder="Any record"
          options={subjectTypes}
          value={filters.subjectType ?? ''}
          onChange={(e) => set('subjectType', e.target.value)}
        />
        <TextFilter label="Record id" placeholder="id" value={filters.subjectId} onCommit={(v) => set('subjectId', v)} />
        <DateFilter label="From" value={filters.from} onChange={(v) => set('from', v)} />
        <DateFilter label="To" value={filters.to} onChange={(v) => set('to', v)} />
      </section>

      <section className="card audit-table" aria-label="Audit entries" aria-busy={loading}>
        {loading ? (
          <p className="list-end-text">Loading…</p>
        ) : items.length === 0 ? (
          <div className="empty-state">
            <p className="empty-state-title">No entries match</p>
          </div>
        ) : (
          <ol className="audit-list" data-testid="audit-list">
            {items.map((entry) => (
              <AuditEntryRow key={entry.seq} entry={entry} users={users} />
            ))}
          </ol>
        )}
        <div className="list-end">
          {!loading && next !== null && (
            <button type="button" className="button button-secondary" onClick={() => void loadMore()}>
              Load older entries
            </button>
          )}
        </div>
      </section>
    </div>
  )
}

function TextFilter(props: { label: string; placeholder: string; value?: string; onCommit: (value: string) => void }) {
  const [text, setText] = useState(props.value ?? '')
  const id = `audit-filter-${props.label.toLowerCase().replace(/\s+/g, '-')}`
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <div className="field-control">
        <input
          id={id}
          placeholder={props.placeholder}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onBlur={() => props.onCommit(text)}
          onKeyDown={(e) => e.key === 'Enter' && props.onCommit(text)}
        />
      </div>
    </div>
  )
}

function DateFilter(props: { label: string; value?: string; onChange: (value: string) => void }) {
  const id = `audit-filter-${props.label.toLowerCase()}`
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <div className="field-control">
        <input id={id} type="date" value={props.value ?? ''} onChange={(e) => props.onChange(e.target.value)} />
      </div>
    </div>
  )
}
