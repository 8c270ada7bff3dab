import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import {
  ApiError,
  describeError,
  humanize,
  leadName,
  leadTypes,
  leadsApi,
  matchesFilters,
  stages,
  type Lead,
  type LeadFilters,
  type LeadSort,
  type Me,
} from '../api'
import { Alert } from '../components/Alert'
import { ModelNotice } from '../components/ModelNotice'
import { PageHeading } from '../components/PageHeading'
import { SelectField } from '../components/SelectField'
import { StageBadge } from '../components/StageBadge'
import { formatPhone, formatRelative } from '../lib/format'
import { useScoringSource } from '../lib/useScoringSource'
import { agentName, assignable, canAssign, canEdit, useUsers } from '../lib/useUsers'
import { useLiveEvents, type LiveEvent } from '../live'
import { Link } from '../router'

const pageSize = 50
const sortOptions: { value: LeadSort; label: string }[] = [
  { value: '-created', label: 'Newest first' },
  { value: 'created', label: 'Oldest first' },
  { value: '-lastActivity', label: 'Recent activity' },
  { value: '-updated', label: 'Recently updated' },
]
/** Events about one lead that may change how its row looks. */
const rowEvents = new Set(['lead.updated', 'lead.assigned', 'lead.activity_added', 'lead.merged', 'lead.scored', 'lead.enriched'])

const stageOptions = stages.map((s) => ({ value: s, label: humanize(s) }))
const typeOptions = leadTypes.map((t) => ({ value: t, label: humanize(t) }))

/** Where a row was on screen before new rows went in above it, so it can be put back there. */
interface Anchor {
  id: string
  top: number
}

export function LeadsPage({ me }: { me: Me }) {
  const users = useUsers()
  const scoring = useScoringSource()
  const [filters, setFilters] = useState<LeadFilters>({ sort: '-created' })
  const [search, setSearch] = useState('')
  const [items, setItems] = useState<Lead[]>([])
  const [next, setNext] = useState<string | null>(null)
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set())
  const [gone, setGone] = useState<ReadonlySet<string>>(new Set())
  const [importNotice, setImportNotice] = useState<string | null>(null)
  const [filtersOpen, setFiltersOpen] = useState(false)
  const [announcement, setAnnouncement] = useState('')
  const [reloadKey, setReloadKey] = useState(0)
  // The list asked for (a reload asks again). Loading and errors belong to one query, so a change of filters
  // shows the new query's state at once, without an effect resetting it.
  const query = useMemo(() => ({ filters, reloadKey }), [filters, reloadKey])
  const [answered, setAnswered] = useState<typeof query | null>(null)
  const [failure, setFailure] = useState<{ query: typeof query; message: string } | null>(null)
  const loading = answered !== query
  const error = failure?.query === query ? failure.message : null
  const listRef = useRef<HTMLOListElement>(null)
  const sentinelRef = useRef<HTMLDivElement>(null)
  const anchorRef = useRef<Anchor | null>(null)
  const loadingMore = useRef(false)
  const itemsRef = useRef(items)
  const filtersRef = useRef(filters)
  const queryRef = useRef(query)
  useEffect(() => {
    itemsRef.current = items
    filtersRef.current = filters
    queryRef.current = query
  })

  // The search box waits for a pause in typing.
  useEffect(() => {
    const timer = setTimeout(() => setFilters((f) => (f.q === (search.trim() || undefined) ? f : { ...f, q: search.trim() || undefined })), 300)
    return () => clearTimeout(timer)
  }, [search])

  // First page whenever the filters change.
  useEffect(() => {
    const abort = new AbortController()
    leadsApi
      .list(query.filters, null, pageSize, abort.signal)
      .then((page) => {
        setItems(page.items)
        setNext(page.next)
        setGone(new Set())
        setAnswered(query)
      })
      .catch((e: unknown) => {
        if (abort.signal.aborted) return
        setFailure({ query, message: describeError(e) })
        setAnswered(query)
      })
    return () => abort.abort()
  }, [query])

  const loadMore = useCallback(async () => {
    if (!next || loadingMore.current) return
    loadingMore.current = true
    try {
      const page = await leadsApi.list(query.filters, next, pageSize)
      // The list was asked for again meanwhile (other filters, a reload): this page belongs to the old one.
      if (queryRef.current !== query) return
      setItems((current) => {
        const known = new Set(current.map((l) => l.id))
        return [...current, ...page.items.filter((l) => !known.has(l.id))]
      })
      setNext(page.next)
    } catch (e) {
      setFailure({ query, message: describeError(e) })
    } finally {
      loadingMore.current = false
    }
  }, [next, query])

  // Endless scroll: the next page loads when the end of the list comes near.
  useEffect(() => {
    const sentinel = sentinelRef.current
    if (!sentinel || !next || loading) return
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && void loadMore(), {
      rootMargin: '600px 0px',
    })
    observer.observe(sentinel)
    return () => observer.disconnect()
  }, [next, loading, loadMore])

  // New rows above the one the user is on must not move it: put it back where it was.
  useLayoutEffect(() => {
    const anchor = anchorRef.current
    anchorRef.current = null
    if (!anchor || !listRef.current) return
    const row = listRef.current.querySelector<HTMLElement>(`[data-lead-id="${anchor.id}"]`)
    if (!row) return
    const delta = row.getBoundingClientRect().top - anchor.top
    if (delta !== 0) window.scrollBy(0, delta)
  }, [items])

  const rememberAnchor = () => {
    const list = listRef.current
    if (!list) return
    const focused = document.activeElement?.closest<HTMLElement>('[data-lead-id]')
    let row: HTMLElement | null = focused && list.contains(focused) ? focused : null
    if (!row && list.getBoundingClientRect().top < 0) {
      // Scrolled into the list: keep the first row that is on screen where it is.
      row = Array.from(list.querySelectorAll<HTMLElement>('[data-lead-id]')).find((r) => r.getBoundingClientRect().bottom > 80) ?? null
    }
    anchorRef.current = row ? { id: row.dataset.leadId!, top: row.getBoundingClientRect().top } : null
  }

  const markFresh = (id: string) => {
    setFresh((s) => new Set(s).add(id))
    setTimeout(
      () =>
        setFresh((s) => {
          const copy = new Set(s)
          copy.delete(id)
          return copy
        }),
      4000,
    )
  }

  const onLiveEvent = async (event: LiveEvent) => {
    const leadId = typeof event.data.leadId === 'string' ? event.data.leadId : null
    if (event.type === 'lead.imported') {
      const created = Number(event.data.created ?? 0)
      setImportNotice(
        event.data.status === 'undone'
          ? 'An import was undone.'
          : `An import finished${created ? `: ${created.toLocaleString()} new lead${created === 1 ? '' : 's'}` : ''}.`,
      )
      return
    }
    if (!leadId) return
    if (event.type === 'lead.deleted' || event.type === 'lead.erased') {
      setGone((s) => new Set(s).add(leadId))
      return
    }
    const present = itemsRef.current.some((l) => l.id === leadId)
    if (event.type === 'lead.created' && !present) {
      const sort = filtersRef.current.sort ?? '-created'
      if (!sort.startsWith('-')) return // oldest first: a new lead belongs at the far end
      try {
        const { lead } = await leadsApi.get(leadId)
        if (!matchesFilters(lead, filtersRef.current)) return
        rememberAnchor()
        setItems((current) => (current.some((l) => l.id === lead.id) ? current : [lead, ...current]))
        markFresh(lead.id)
        setAnnouncement(`New lead: ${leadName(lead)}`)
      } catch {
        // Not visible to this user after all (or gone again): nothing to show.
      }
      return
    }
    if (present && rowEvents.has(event.type)) {
      try {
        const { lead } = await leadsApi.get(leadId)
        setItems((current) => current.map((l) => (l.id === lead.id ? lead : l)))
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) setGone((s) => new Set(s).add(leadId))
      }
    }
  }

  useLiveEvents(
    (event) => void onLiveEvent(event),
    () => setReloadKey((k) => k + 1),
  )

  const setFilter = <K extends keyof LeadFilters>(key: K, value: LeadFilters[K]) =>
    setFilters((f) => ({ ...f, [key]: value || undefined }))

  const activeFilters = [filters.stage, filters.type, filters.source, filters.tag, filters.assignedTo, filters.q].filter(Boolean).length
  const agents = assignable(users)
  const showAgentFilter = canAssign(me.role) && agents.length > 0

  const onRowKeyDown = (event: KeyboardEvent<HTMLOListElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return
    const rows = Array.from(listRef.current?.querySelectorAll<HTMLAnchorElement>('a.lead-row') ?? [])
    const index = rows.indexOf(document.activeElement as HTMLAnchorElement)
    if (index < 0) return
    event.preventDefault()
    rows[Math.max(0, Math.min(rows.length - 1, index + (event.key === 'ArrowDown' ? 1 : -1)))]?.focus()
  }

  return (
    <div className="page">
      <div className="page-title-row">
        <PageHeading>Leads</PageHeading>
        <div className="page-actions">
          {canAssign(me.role) && (
            <Link to="/leads/import" className="button button-secondary">
              Import CSV
            </Link>
          )}
          {canEdit(me.role) && (
            <Link to="/leads/new" className="button button-primary">
              New lead
            </Link>
          )}
        </div>
      </div>
      <ModelNotice source={scoring} />

      <section className="card filters" aria-label="Filter and sort leads">
        <div className="filters-top">
          <div className="field filters-search">
            <label htmlFor="lead-search">Search</label>
            <div className="field-control">
              <input
                id="lead-search"
                type="search"
                placeholder="Name, email or phone"
                value={search}
                onChange={(e) => setSearch(e.target.value)}
              />
            </div>
          </div>
          <button
            type="button"
            className="button button-secondary filters-toggle"
            aria-expanded={filtersOpen}
            aria-controls="lead-filters"
            onClick={() => setFiltersOpen((o) => !o)}
          >
            Filters{activeFilters > (filters.q ? 1 : 0) ? ` (${activeFilters - (filters.q ? 1 : 0)})` : ''}
          </button>
        </div>
        <div id="lead-filters" className={filtersOpen ? 'filters-panel open' : 'filters-panel'}>
          <SelectField
            label="Stage"
            placeholder="Any stage"
            options={stageOptions}
            value={filters.stage ?? ''}
            onChange={(e) => setFilter('stage', e.target.value)}
          />
          <SelectField
            label="Type"
            placeholder="Any type"
            options={typeOptions}
            value={filters.type ?? ''}
            onChange={(e) => setFilter('type', e.target.value)}
          />
          <TextFilter label="Source" value={filters.source} onCommit={(v) => setFilter('source', v)} placeholder="e.g. zillow" />
          <TextFilter label="Tag" value={filters.tag} onCommit={(v) => setFilter('tag', v)} placeholder="e.g. vip" />
          {showAgentFilter && (
            <SelectField
              label="Agent"
              placeholder="Any agent"
              options={agents.map((u) => ({ value: u.id, label: u.displayName }))}
              value={filters.assignedTo ?? ''}
              onChange={(e) => setFilter('assignedTo', e.target.value)}
            />
          )}
          <SelectField
            label="Sort"
            options={sortOptions}
            value={filters.sort ?? '-created'}
            onChange={(e) => setFilter('sort', e.target.value as LeadSort)}
          />
        </div>
      </section>

      <div className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </div>
      {importNotice && (
        <div className="notice-bar" role="status">
          <span>{importNotice}</span>
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => {
              setImportNotice(null)
              setReloadKey((k) => k + 1)
            }}
          >
            Show the latest
          </button>
          <button type="button" className="button button-link button-small" onClick={() => setImportNotice(null)}>
            Dismiss
          </button>
        </div>
      )}
      {error && <Alert tone="error">{error}</Alert>}

      <section className="card lead-table" aria-label="Leads" aria-busy={loading}>
        <div className="lead-row lead-head" aria-hidden="true">
          <span>Lead</span>
          <span>Stage</span>
          <span>Type</span>
          <span>Source</span>
          <span>Agent</span>
          <span>Created</span>
        </div>
        {loading ? (
          <SkeletonRows />
        ) : items.length === 0 ? (
          <div className="empty-state">
            <p className="empty-state-title">No leads match</p>
            <p>{activeFilters ? 'Try fewer filters.' : 'Leads appear here the moment they arrive.'}</p>
          </div>
        ) : (
          <ol className="lead-list" ref={listRef} onKeyDown={onRowKeyDown} data-testid="lead-list">
            {items.map((lead) => (
              <li key={lead.id} data-lead-id={lead.id} className={gone.has(lead.id) ? 'is-gone' : fresh.has(lead.id) ? 'is-fresh' : undefined}>
                <Link to={`/leads/${lead.id}`} className="lead-row" aria-describedby={gone.has(lead.id) ? 'gone-hint' : undefined}>
                  <span className="lead-cell-name">
                    <span className="lead-name">{leadName(lead)}</span>
                    <span className="lead-contact">{lead.emails[0] ?? (lead.phones[0] ? formatPhone(lead.phones[0]) : '—')}</span>
                  </span>
                  <span className="lead-cell-stage">
                    <StageBadge stage={lead.stage} />
                  </span>
                  <span className="lead-cell-type">{humanize(lead.type)}</span>
                  <span className="lead-cell-source">{lead.source}</span>
                  <span className="lead-cell-agent">{agentName(lead.assignedTo, users, me)}</span>
                  <span className="lead-cell-created">
                    <time dateTime={lead.createdAt} title={new Date(lead.createdAt).toLocaleString()}>
                      {formatRelative(lead.createdAt)}
                    </time>
                  </span>
                </Link>
              </li>
            ))}
          </ol>
        )}
        <span id="gone-hint" hidden>
          No longer in your list
        </span>
        <div ref={sentinelRef} className="list-end">
          {!loading && next && (
            <button type="button" className="button button-secondary" onClick={() => void loadMore()}>
              Load more leads
            </button>
          )}
          {!loading && !next && items.length > 0 && <span className="list-end-text">That is every lead.</span>}
        </div>
      </section>
    </div>
  )
}

/** A text filter applied on Enter or when the field loses focus (not on every key). */
function TextFilter({
  label,
  value,
  onCommit,
  placeholder,
}: {
  label: string
  value: string | undefined
  onCommit: (value: string) => void
  placeholder?: string
}) {
  const [text, setText] = useState(value ?? '')
  const id = `filter-${label.toLowerCase()}`
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="field-control">
        <input
          id={id}
          value={text}
          placeholder={placeholder}
          onChange={(e) => setText(e.target.value)}
          onBlur={() => onCommit(text.trim())}
          onKeyDown={(e) => e.key === 'Enter' && onCommit(text.trim())}
        />
      </div>
    </div>
  )
}

function SkeletonRows() {
  return (
    <ol className="lead-list" aria-hidden="true">
      {Array.from({ length: 8 }, (_, i) => (
        <li key={i}>
          <span className="lead-row skeleton-row">
            <span className="skeleton" />
          </span>
        </li>
      ))}
    </ol>
  )
}
