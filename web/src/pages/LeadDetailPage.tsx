import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useId, useState, type FormEvent, type ReactNode } from 'react'
import {
  ApiError,
  describeError,
  humanize,
  leadName,
  leadsApi,
  oneOf,
  stages,
  userActivityTypes,
  type Activity,
  type LeadEnrichment,
  type LeadScore,
  type Stage,
  type UserActivityType,
  type Me,
} from '../api'
import { Alert } from '../components/Alert'
import { PageHeading } from '../components/PageHeading'
import { PrivacyPanel } from '../components/PrivacyPanel'
import { LeadTasksPanel } from './tasks/LeadTasksPanel'
import { LeadEnrollmentsPanel } from './workflows/LeadEnrollmentsPanel'
import { ScorePanel } from '../components/ScorePanel'
import { RecordDeal } from './conversions/RecordDeal'
import { SelectField } from '../components/SelectField'
import { StageBadge } from '../components/StageBadge'
import { formatDateTime, formatPhone, formatPriceRange, formatRelative } from '../lib/format'
import { agentName, assignable, canAssign, canEdit, useUsers } from '../lib/useUsers'
import { useLiveEvents } from '../live'
import { Link } from '../router'

const stageOptions = stages.map((s) => ({ value: s, label: humanize(s) }))
const activityOptions = userActivityTypes.map((t) => ({ value: t, label: humanize(t) }))

export function LeadDetailPage({ id, me }: { id: string; me: Me }) {
  const users = useUsers()
  const queries = useQueryClient()
  // Four reads keyed by the lead; live events mark them stale and they reload themselves.
  const leadKey = ['lead', id]
  const leadQuery = useQuery({ queryKey: leadKey, queryFn: ({ signal }) => leadsApi.get(id, signal) })
  // null until loaded; a failed load keeps the list's skeleton (it is secondary to the lead).
  const activities = useQuery({ queryKey: ['lead', id, 'activities'], queryFn: ({ signal }) => leadsApi.activities(id, signal) }).data ?? null
  const scoreQuery = useQuery({ queryKey: ['lead', id, 'score'], queryFn: ({ signal }) => leadsApi.score(id, signal) })
  const enrichmentQuery = useQuery({ queryKey: ['lead', id, 'enrichment'], queryFn: ({ signal }) => leadsApi.enrichment(id, signal) })
  // undefined while loading (its space is kept); null when scoring cannot answer (the lead vanished, or no scoring
  // module); a lead not scored yet answers status 'pending', shown as the panel's empty state.
  const score: LeadScore | null | undefined = scoreQuery.isPending ? undefined : scoreQuery.isError ? null : scoreQuery.data
  const enrichment = enrichmentQuery.data ?? null
  const [actionError, setError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [deletedLive, setDeleted] = useState(false)
  const [saving, setSaving] = useState(false)

  const lead = leadQuery.data?.lead ?? null
  const etag = leadQuery.data?.etag ?? null
  const notFound = leadQuery.error instanceof ApiError && leadQuery.error.status === 404
  const deleted = deletedLive || notFound
  const error = actionError ?? (leadQuery.error && !notFound ? describeError(leadQuery.error) : null)
  const reload = (part: 'activities' | 'score' | 'enrichment') => queries.invalidateQueries({ queryKey: ['lead', id, part], exact: true })

  useLiveEvents((event) => {
    if (event.data.leadId !== id) return
    switch (event.type) {
      case 'lead.deleted':
      case 'lead.erased':
        setDeleted(true)
        return
      case 'lead.scored':
        void reload('score')
        return
      case 'lead.enriched':
        void reload('enrichment')
        return
      default:
        void queries.invalidateQueries({ queryKey: leadKey, exact: true })
        void reload('activities')
    }
  })

  /** A PATCH with If-Match; on 412 the lead is reloaded and the user told, kindly. */
  const patch = async (change: { stage?: Stage; assignedAgentId?: string }, what: string) => {
    setSaving(true)
    setError(null)
    setNotice(null)
    try {
      queries.setQueryData(leadKey, await leadsApi.update(id, change, etag))
      setNotice(`${what} saved.`)
      void reload('activities')
    } catch (e) {
      if (e instanceof ApiError && e.status === 412) {
        await queries.refetchQueries({ queryKey: leadKey, exact: true })
        setError('Someone else updated this lead a moment ago, so nothing was changed. The page now shows their version — check it and try again.')
      } else {
        setError(describeError(e))
      }
    } finally {
      setSaving(false)
    }
  }

  if (deleted) {
    return (
      <div className="page">
        <BackLink />
        <section className="card empty-state">
          <p className="empty-state-title">This lead is no longer here</p>
          <p>It was deleted, merged or moved out of your list.</p>
        </section>
      </div>
    )
  }

  if (!lead) {
    return (
      <div className="page" aria-busy="true">
        <BackLink />
        {error ? <Alert tone="error">{error}</Alert> : <div className="card skeleton-card" />}
      </div>
    )
  }

  const editable = canEdit(me.role)
  const agents = assignable(users)

  return (
    <div className="page lead-detail">
      <BackLink />
      <div className="page-title-row">
        <div className="lead-title">
          <PageHeading>{leadName(lead)}</PageHeading>
          <p className="lead-subtitle">
            <StageBadge stage={lead.stage} /> <span>{humanize(lead.type)}</span> · <span>from {lead.source}</span> ·{' '}
            <span>added {formatRelative(lead.createdAt)}</span>
          </p>
        </div>
        {editable && (
          <div className="page-actions">
            <Link to={`/leads/${lead.id}/edit`} className="button button-secondary">
              Edit lead
            </Link>
          </div>
        )}
      </div>

      <div className="status-slot" aria-live="polite">
        {error && <Alert tone="error">{error}</Alert>}
        {notice && !error && <Alert tone="info">{notice}</Alert>}
      </div>

      <div className="detail-grid">
        <div className="detail-main">
          {editable && (
            <section className="card" aria-labelledby="quick-actions">
              <h2 id="quick-actions" className="card-title">
                Quick actions
              </h2>
              <div className="quick-actions">
                <SelectField
                  label="Stage"
                  options={stageOptions}
                  value={lead.stage}
                  disabled={saving}
                  onChange={(e) => void patch({ stage: oneOf(stages, e.target.value) }, 'Stage')}
                />
                {canAssign(me.role) && agents.length > 0 && (
                  <SelectField
                    label="Assigned agent"
                    placeholder={lead.assignedTo ? undefined : 'Unassigned'}
                    options={agents.map((u) => ({ value: u.id, label: u.displayName }))}
                    value={lead.assignedTo ?? ''}
                    disabled={saving}
                    onChange={(e) => e.target.value && void patch({ assignedAgentId: e.target.value }, 'Assignment')}
                  />
                )}
              </div>
              <NoteForm leadId={lead.id} onAdded={(a) =>
                  queries.setQueryData<Activity[]>(['lead', id, 'activities'], (list) => [a, ...(list ?? []).filter((x) => x.id !== a.id)])
                } />
            </section>
          )}

          <section className="card" aria-labelledby="timeline">
            <h2 id="timeline" className="card-title">
              Timeline
            </h2>
            {activities === null ? (
              <div className="skeleton-block" />
            ) : activities.length === 0 ? (
              <p className="muted">Nothing has happened with this lead yet.</p>
            ) : (
              <ol className="timeline">
                {activities.map((a) => (
                  <li key={a.id} className={`timeline-item timeline-${a.type}`}>
                    <span className="timeline-dot" aria-hidden="true" />
                    <div>
                      <p className="timeline-head">
                        <strong>{humanize(a.type)}</strong>
                        <span className="muted">
                          {' '}
                          · {a.actorId ? agentName(a.actorId, users, me) : 'Beacon'} ·{' '}
                          <time dateTime={a.occurredAt} title={formatDateTime(a.occurredAt)}>
                            {formatRelative(a.occurredAt)}
                          </time>
                        </span>
                      </p>
                      {a.body && <p className="timeline-body">{a.body}</p>}
                    </div>
                  </li>
                ))}
              </ol>
            )}
          </section>
        </div>

        <aside className="detail-side">
          {score === undefined ? <div className="card skeleton-score" aria-hidden="true" /> : score && <ScorePanel score={score} />}
          <section className="card" aria-labelledby="facts">
            <h2 id="facts" className="card-title">
              Details
            </h2>
            <dl className="facts facts-single">
              <Fact label="Email">
                {lead.emails.length ? <Links items={lead.emails.map((e) => ({ href: `mailto:${e}`, text: e }))} /> : '—'}
              </Fact>
              <Fact label="Phone">
                {lead.phones.length ? <Links items={lead.phones.map((p) => ({ href: `tel:${p}`, text: formatPhone(p) }))} /> : '—'}
              </Fact>
              <Fact label="Agent">{agentName(lead.assignedTo, users, me)}</Fact>
              <Fact label="Budget">{formatPriceRange(lead.priceMin, lead.priceMax)}</Fact>
              <Fact label="Timeline">{humanize(lead.timeline)}</Fact>
              <Fact label="Financing">{humanize(lead.financing)}</Fact>
              <Fact label="Areas">{[...lead.zipCodes, ...lead.areas].join(', ') || '—'}</Fact>
              {lead.propertyAddress && (
                <Fact label="Property">
                  {[lead.propertyAddress.street, lead.propertyAddress.city, lead.propertyAddress.state, lead.propertyAddress.zip]
                    .filter(Boolean)
                    .join(', ')}
                </Fact>
              )}
              <Fact label="Tags">
                {lead.tags.length ? (
                  <span className="tags">
                    {lead.tags.map((t) => (
                      <span key={t} className="tag">
                        {t}
                      </span>
                    ))}
                  </span>
                ) : (
                  '—'
                )}
              </Fact>
              <Fact label="Last activity">{formatDateTime(lead.lastActivityAt)}</Fact>
            </dl>
          </section>
          <RecordDeal leadId={lead.id} canRecord={editable} onRecorded={() => void reload('activities')} />
          {editable && <LeadTasksPanel lead={{ id: lead.id, name: leadName(lead) }} me={me} />}
          <LeadEnrollmentsPanel leadId={lead.id} me={me} />
          <PrivacyPanel lead={lead} me={me} canRecord={editable} onDecision={() => void reload('score')} />
          {enrichment && <EnrichmentPanel enrichment={enrichment} />}
        </aside>
      </div>
    </div>
  )
}

function BackLink() {
  return (
    <Link to="/leads" className="back-link">
      <span aria-hidden="true">←</span> All leads
    </Link>
  )
}

/** E-mail addresses and phone numbers as links: one tap to write or call. */
function Links({ items }: { items: { href: string; text: string }[] }) {
  return (
    <span className="fact-links">
      {items.map((item) => (
        <a key={item.href} href={item.href}>
          {item.text}
        </a>
      ))}
    </span>
  )
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  )
}

function NoteForm({ leadId, onAdded }: { leadId: string; onAdded: (activity: Activity) => void }) {
  const id = useId()
  const [type, setType] = useState<UserActivityType>('note')
  const [body, setBody] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!body.trim()) {
      setError('Write something first.')
      return
    }
    setBusy(true)
    setError(null)
    try {
      onAdded(await leadsApi.addActivity(leadId, type, body.trim()))
      setBody('')
    } catch (e) {
      setError(describeError(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="note-form" onSubmit={submit} aria-busy={busy}>
      <SelectField label="Log a" options={activityOptions} value={type} onChange={(e) => setType(oneOf(userActivityTypes, e.target.value) ?? 'note')} />
      <div className={error ? 'field field-invalid note-body' : 'field note-body'}>
        <label htmlFor={id}>What happened</label>
        <textarea
          id={id}
          rows={2}
          value={body}
          placeholder="Called, left a voicemail about Saturday's open house…"
          onChange={(e) => setBody(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
        {error && (
          <ul id={`${id}-error`} className="field-errors">
            <li>{error}</li>
          </ul>
        )}
      </div>
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? 'Adding…' : 'Add to timeline'}
      </button>
    </form>
  )
}

function EnrichmentPanel({ enrichment }: { enrichment: LeadEnrichment }) {
  const fields = (enrichment.providers ?? []).flatMap((p) =>
    Object.entries(p.fields ?? {}).map(([name, field]) => ({ name, value: field.value, provider: p.provider })),
  )
  const working = (enrichment.providers ?? []).filter((p) => p.state !== 'complete' && p.state !== 'no_match')
  if (fields.length === 0 && !enrichment.pending && working.length === 0) return null
  return (
    <section className="card" aria-labelledby="enrichment">
      <h2 id="enrichment" className="card-title">
        Enrichment {enrichment.pending && <span className="muted">(still looking)</span>}
      </h2>
      {fields.length === 0 ? (
        <p className="muted">Nothing found yet.</p>
      ) : (
        <dl className="facts facts-single">
          {fields.slice(0, 14).map((f) => (
            <Fact key={f.name} label={fieldLabel(f.name)}>
              {f.value} <span className="muted">· {f.provider}</span>
            </Fact>
          ))}
        </dl>
      )}
    </section>
  )
}

/** `property.estimatedValue` → "Estimated value". */
function fieldLabel(name: string): string {
  const last = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1) : name
  return humanize(last.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase())
}
