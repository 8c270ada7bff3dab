import type { ApiClient } from './client'

/** One audit entry (`GET /api/v1/audit`). `payload` is null once an erasure redacted it. */
export interface AuditEntry {
  seq: number
  id: string
  occurredAt: string
  actorKind: 'user' | 'api_key' | 'system' | 'workflow' | 'assistant' | 'anonymous'
  actorId: string | null
  action: string
  subjectType: string | null
  subjectId: string | null
  requestId: string | null
  clientAddress: string | null
  payload: Record<string, unknown> | null
  redactedAt: string | null
}

export interface AuditPage {
  items: AuditEntry[]
  next: number | null
}

export interface AuditFilters {
  actor?: string
  action?: string
  subjectType?: string
  subjectId?: string
  /** yyyy-mm-dd, inclusive, in the browser's time zone. */
  from?: string
  to?: string
}

/** The verdict of `POST /api/v1/audit/verify`. */
export interface AuditVerdict {
  ok: boolean
  checked: number
  brokenSeq: number | null
  reason: 'deleted' | 'edited' | 'payload_edited' | 'reordered' | null
  message: string
}

/** One changed field as the screen shows it: before and after as display text ("—" when absent). */
export interface AuditChange {
  field: string
  before: string
  after: string
}

/** The query string of a page of the trail: only the filters that are set; `to` covers the whole day chosen. */
export function auditQuery(filters: AuditFilters, cursor: number | null, limit: number): string {
  const params = new URLSearchParams()
  for (const key of ['actor', 'action', 'subjectType', 'subjectId'] as const) {
    const value = filters[key]?.trim()
    if (value) params.set(key, value)
  }
  if (filters.from) params.set('from', new Date(`${filters.from}T00:00:00`).toISOString())
  if (filters.to) {
    const end = new Date(`${filters.to}T00:00:00`)
    end.setDate(end.getDate() + 1)
    params.set('to', end.toISOString())
  }
  params.set('limit', String(limit))
  if (cursor !== null) params.set('cursor', String(cursor))
  return params.toString()
}

/**
 * What an entry changed: an event's field changes (lead.updated, lead.merged carry before and after), otherwise the
 * values the request set (after only). Empty when the payload was redacted or says nothing field by field.
 */
export function auditChanges(payload: AuditEntry['payload']): AuditChange[] {
  if (!payload) return []
  const event = payload.event as Record<string, unknown> | undefined
  const changes = event?.changes
  if (Array.isArray(changes)) {
    return changes.map((c: { field: string; previous: string | null; current: string | null }) => ({
      field: c.field,
      before: display(c.previous),
      after: display(c.current),
    }))
  }
  const request = payload.request as Record<string, unknown> | undefined
  if (request && typeof request === 'object') {
    return Object.entries(request).map(([field, value]) => ({
      field,
      before: '—',
      after: value === null || value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value),
    }))
  }
  return []
}

/** Event changes hold JSON text ("\"Ann\"", "42", null): shown without the quotes. */
function display(json: string | null): string {
  if (json === null) return '—'
  try {
    const value: unknown = JSON.parse(json)
    if (value === null) return '—'
    return typeof value === 'string' ? value : JSON.stringify(value)
  } catch {
    return json
  }
}

/** Calls of the Audit module (admins and owners). */
export class AuditApi {
  private readonly api: ApiClient

  constructor(api: ApiClient) {
    this.api = api
  }

  list(filters: AuditFilters, cursor: number | null, signal?: AbortSignal): Promise<AuditPage> {
    return this.api.request<AuditPage>('GET', `/audit?${auditQuery(filters, cursor, 50)}`, undefined, { signal })
  }

  verify(): Promise<AuditVerdict> {
    return this.api.request<AuditVerdict>('POST', '/audit/verify')
  }
}
