import { ApiError } from './problem'
import type { ApiClient } from './client'

/** Wire shapes and calls of the Leads module (`/api/v1/leads`). Keep in step with the server's contracts. */

export const stages = [
  'new',
  'contacted',
  'qualified',
  'appointment',
  'showing',
  'listing',
  'offer',
  'under_contract',
  'closed',
  'lost',
  'nurture',
] as const
export const leadTypes = ['buyer', 'seller', 'renter', 'investor'] as const
export const timelines = ['asap', '0_3_months', '3_6_months', '6_12_months', '12_plus_months', 'unknown'] as const
export const financings = ['unknown', 'pre_approved', 'pre_qualified', 'cash', 'needs_lender', 'not_applicable'] as const
/** Timeline entries a user may add (the others are written by Beacon). */
export const userActivityTypes = ['note', 'call', 'email', 'text', 'meeting', 'showing', 'offer'] as const

export interface Address {
  street?: string | null
  city?: string | null
  state?: string | null
  zip?: string | null
}

export interface Lead {
  id: string
  firstName: string | null
  lastName: string | null
  emails: string[]
  phones: string[]
  source: string
  sourceDetail: string | null
  type: string
  stage: string
  priceMin: number | null
  priceMax: number | null
  zipCodes: string[]
  areas: string[]
  timeline: string | null
  financing: string | null
  propertyAddress: Address | null
  assignedTo: string | null
  tags: string[]
  customFields: Record<string, unknown>
  consents: Record<string, unknown>
  timeZone: string | null
  timeZoneSource: string | null
  externalId: string | null
  version: number
  createdAt: string
  updatedAt: string
  lastActivityAt: string
}

export interface LeadPage {
  items: Lead[]
  next: string | null
}

export type LeadSort = '-created' | 'created' | '-lastActivity' | 'lastActivity' | '-updated' | 'updated'

export interface LeadFilters {
  stage?: string
  type?: string
  source?: string
  tag?: string
  assignedTo?: string
  unassigned?: boolean
  q?: string
  createdFrom?: string
  createdTo?: string
  sort?: LeadSort
}

/** `GET /leads/stats`: counts of the visible leads created in [from, to), per local day of `timeZone`. */
export interface LeadStats {
  from: string
  to: string
  timeZone: string
  total: number
  /** Of those, created on today's date in `timeZone`. */
  createdToday: number
  /** Of those, still in stage `new`. */
  stillNew: number
  /** Every local day of the range, oldest first, zeros included (`day` is `YYYY-MM-DD`). */
  byDay: { day: string; count: number }[]
  /** Stages with leads, in pipeline order. */
  byStage: { stage: string; count: number }[]
  /** Sources with leads, most first. */
  bySource: { source: string; count: number }[]
}

/** The stats range: ISO instants (default: the last 7 days) and an IANA zone for the days (default UTC). */
export interface StatsRange {
  from?: string
  to?: string
  tz?: string
}

/** What create and edit send (a PATCH replaces the fields it names; lists as a whole). */
export interface LeadInput {
  firstName?: string | null
  lastName?: string | null
  emails?: string[]
  phones?: string[]
  source?: string
  type?: string
  stage?: string
  priceMin?: number | null
  priceMax?: number | null
  zipCodes?: string[]
  timeline?: string | null
  financing?: string | null
  tags?: string[]
  assignedAgentId?: string
  message?: string
}

export interface Activity {
  id: string
  leadId: string
  type: string
  occurredAt: string
  actorId: string | null
  body: string | null
  data: Record<string, unknown>
}

export interface User {
  id: string
  email: string
  displayName: string
  role: string
  teamId: string | null
  active: boolean
}

export interface ImportSummary {
  id: string | null
  status: string
  dryRun: boolean
  rows: number
  created: number
  merged: number
  rejected: number
  percent: number
  mapping: Record<string, string | null>
  errors: { rowNo: number; field: string; reason: string; raw: string | null }[]
  error?: string | null
}

export interface ImportStatus {
  id: string
  key: string
  status: string
  source: string
  totalBytes: number | null
  rowsCommitted: number
  created: number
  merged: number
  rejected: number
  percent: number
  error: string | null
  createdAt: string
  finishedAt: string | null
  undoneAt: string | null
}

/**
 * Score and enrichment come from other modules. A visible lead's score answers `status: 'pending'` (score fields
 * null) until scoring reaches it; 404 only for leads the caller cannot see.
 */
export interface LeadScore {
  status?: 'scored' | 'pending' | 'objected'
  probability?: number | null
  grade?: string | null
  /** `model` or `rules` (the scorecard: no champion yet, or the model could not answer). */
  method?: string | null
  modelVersion?: number | null
  reasons?: { text?: string; direction?: string; weight?: number; feature?: string }[]
  [key: string]: unknown
}

export interface EnrichedField {
  value: string
  provider: string
  confidence?: number
}

export interface LeadEnrichment {
  pending?: boolean
  providers?: { provider: string; state: string; detail?: string | null; fields?: Record<string, EnrichedField> }[]
  [key: string]: unknown
}

export function leadQuery(filters: LeadFilters, cursor?: string | null, limit = 50): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined || value === '' || value === false) continue
    params.set(key, String(value))
  }
  params.set('limit', String(limit))
  if (cursor) params.set('cursor', cursor)
  return params.toString()
}

export function leadName(lead: Pick<Lead, 'firstName' | 'lastName' | 'emails' | 'phones'>): string {
  const name = [lead.firstName, lead.lastName].filter(Boolean).join(' ').trim()
  return name || lead.emails[0] || lead.phones[0] || 'Unnamed lead'
}

/** `under_contract` → "Under contract". */
export function humanize(value: string | null | undefined): string {
  if (!value) return '—'
  const words = value.replace(/_/g, ' ').replace(/(\d) (\d)/g, '$1–$2')
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** True when `lead` belongs in a list with these filters (for leads that arrive live). */
export function matchesFilters(lead: Lead, filters: LeadFilters): boolean {
  if (filters.stage && !filters.stage.split(',').includes(lead.stage)) return false
  if (filters.type && lead.type !== filters.type) return false
  if (filters.source && lead.source !== filters.source.trim().toLowerCase()) return false
  if (filters.tag && !lead.tags.includes(filters.tag.trim().toLowerCase())) return false
  if (filters.assignedTo && lead.assignedTo !== filters.assignedTo) return false
  if (filters.unassigned && lead.assignedTo) return false
  if (filters.q) {
    const q = filters.q.trim().toLowerCase()
    const digits = q.replace(/\D/g, '')
    const haystack = [lead.firstName, lead.lastName, ...lead.emails, lead.externalId].join(' ').toLowerCase()
    const phoneMatch = digits.length >= 4 && lead.phones.some((p) => p.replace(/\D/g, '').includes(digits))
    if (!haystack.includes(q) && !phoneMatch) return false
  }
  return true
}

export class LeadsApi {
  private readonly api: ApiClient

  constructor(api: ApiClient) {
    this.api = api
  }

  list(filters: LeadFilters, cursor?: string | null, limit = 50, signal?: AbortSignal): Promise<LeadPage> {
    return this.api.request<LeadPage>('GET', `/leads?${leadQuery(filters, cursor, limit)}`, undefined, { signal })
  }

  stats(range: StatsRange = {}, signal?: AbortSignal): Promise<LeadStats> {
    const params = new URLSearchParams()
    for (const [key, value] of Object.entries(range)) if (value) params.set(key, value)
    const query = params.toString()
    return this.api.request<LeadStats>('GET', `/leads/stats${query ? `?${query}` : ''}`, undefined, { signal })
  }

  async get(id: string, signal?: AbortSignal): Promise<{ lead: Lead; etag: string | null }> {
    const response = await this.api.exchange<Lead>('GET', `/leads/${id}`, undefined, { signal })
    return { lead: response.body, etag: response.headers.get('etag') }
  }

  async create(input: LeadInput, idempotencyKey: string): Promise<Lead | null> {
    const response = await this.api.exchange<Lead | undefined>('POST', '/leads', input, {
      headers: { 'Idempotency-Key': idempotencyKey },
    })
    return response.body ?? null
  }

  /** PATCH with If-Match: an ApiError with status 412 means someone changed the lead first. */
  async update(id: string, patch: LeadInput, etag: string | null): Promise<{ lead: Lead; etag: string | null }> {
    const response = await this.api.exchange<Lead>('PATCH', `/leads/${id}`, patch, {
      headers: etag ? { 'If-Match': etag } : {},
    })
    return { lead: response.body, etag: response.headers.get('etag') }
  }

  activities(id: string, signal?: AbortSignal): Promise<Activity[]> {
    return this.api.request<Activity[]>('GET', `/leads/${id}/activities?limit=100`, undefined, { signal })
  }

  addActivity(id: string, type: string, body: string): Promise<Activity> {
    return this.api.request<Activity>('POST', `/leads/${id}/activities`, { type, body })
  }

  score(id: string, signal?: AbortSignal): Promise<LeadScore | null> {
    return optional(this.api.request<LeadScore>('GET', `/leads/${id}/score`, undefined, { signal }))
  }

  enrichment(id: string, signal?: AbortSignal): Promise<LeadEnrichment | null> {
    return optional(this.api.request<LeadEnrichment>('GET', `/leads/${id}/enrichment`, undefined, { signal }))
  }

  /** The tenant's users (team leads and above may list them; null when this role may not). */
  users(signal?: AbortSignal): Promise<User[] | null> {
    return this.api.request<User[]>('GET', '/users', undefined, { signal }).catch((error: unknown) => {
      if (error instanceof ApiError && (error.status === 403 || error.status === 404)) return null
      throw error
    })
  }

  importFile(
    file: Blob,
    options: { dryRun: boolean; mapping?: Record<string, string>; source?: string; idempotencyKey?: string },
  ): Promise<ImportSummary> {
    const params = new URLSearchParams()
    if (options.dryRun) params.set('dryRun', 'true')
    if (options.mapping && Object.keys(options.mapping).length > 0) params.set('mapping', JSON.stringify(options.mapping))
    if (options.source) params.set('source', options.source)
    return this.api.request<ImportSummary>('POST', `/leads/imports?${params}`, file, {
      contentType: 'text/csv',
      headers: options.idempotencyKey ? { 'Idempotency-Key': options.idempotencyKey } : {},
    })
  }

  importsByKey(key: string): Promise<ImportStatus[]> {
    return this.api.request<ImportStatus[]>('GET', `/leads/imports?key=${encodeURIComponent(key)}`)
  }

  importStatus(id: string): Promise<ImportStatus> {
    return this.api.request<ImportStatus>('GET', `/leads/imports/${id}`)
  }

  importErrors(id: string): Promise<Blob> {
    return this.api.download(`/leads/imports/${id}/errors.csv`)
  }

  undoImport(id: string): Promise<ImportStatus> {
    return this.api.request<ImportStatus>('DELETE', `/leads/imports/${id}`)
  }
}

/** A 404 means the feature has no answer for this lead (or is not deployed yet): hide its panel. */
async function optional<T>(request: Promise<T>): Promise<T | null> {
  try {
    return await request
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 501)) return null
    throw error
  }
}
