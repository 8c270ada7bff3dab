/** Calls of the Leads module (`/api/v1/leads`) and the value lists its screens offer; wire shapes: `./types`. */
import type { ApiClient } from './client'
import { ApiError } from './problem'
import type {
  Activity,
  Financing,
  ImportStatus,
  ImportSummary,
  Lead,
  LeadEnrichment,
  LeadInput,
  LeadPage,
  LeadScore,
  LeadStats,
  LeadType,
  Stage,
  Timeline,
  User,
  UserActivityType,
} from './types'

/**
 * Every value of `T` in `list`, or a type error naming the missing ones: the screens' ordered option lists must
 * offer whatever the server's document says the field takes.
 */
const complete =
  <T,>() =>
  <const List extends readonly T[]>(list: List & ([Exclude<T, List[number]>] extends [never] ? unknown : { missing: Exclude<T, List[number]> })) =>
    list

/** Pipeline order. */
export const stages = complete<Stage>()([
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
])
export const leadTypes = complete<LeadType>()(['buyer', 'seller', 'renter', 'investor'])
export const timelines = complete<Timeline>()(['asap', '0_3_months', '3_6_months', '6_12_months', '12_plus_months', 'unknown'])
export const financings = complete<Financing>()(['unknown', 'pre_approved', 'pre_qualified', 'cash', 'needs_lender', 'not_applicable'])
/** Timeline entries a user may add, most used first (the others are written by Beacon). */
export const userActivityTypes = complete<UserActivityType>()([
  'note',
  'call',
  'email',
  'text',
  'meeting',
  'showing',
  'offer',
  'web_visit',
  'property_view',
])

/** A `<select>`'s value as a value of `list` (its options come from the list), or undefined. */
export function oneOf<T extends string>(list: readonly T[], value: string): T | undefined {
  return (list as readonly string[]).includes(value) ? (value as T) : undefined
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

/** The stats range: ISO instants (default: the last 7 days) and an IANA zone for the days (default UTC). */
export interface StatsRange {
  from?: string
  to?: string
  tz?: string
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

  addActivity(id: string, type: UserActivityType, body: string): Promise<Activity> {
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
