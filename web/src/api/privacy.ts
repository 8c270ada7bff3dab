import type { ApiClient } from './client'

/** The purposes a person can consent or object to, in the order the lead page lists them. */
export const purposes = ['email_marketing', 'sms_marketing', 'calls', 'profiling', 'enrichment'] as const
export type Purpose = (typeof purposes)[number]
export type Decision = 'granted' | 'withdrawn' | 'objected'

export const purposeLabels: Record<Purpose, string> = {
  email_marketing: 'Marketing e-mail',
  sms_marketing: 'Marketing texts',
  calls: 'Calls',
  profiling: 'Profiling (scoring)',
  enrichment: 'Enrichment',
}

export interface PurposeState {
  purpose: Purpose
  /** The latest decision, or `unknown` when none was recorded. */
  status: Decision | 'unknown'
  since: string | null
  source: string | null
  textShown: string | null
}

export interface ConsentEntry {
  id: string
  purpose: Purpose
  decision: Decision
  source: string
  textShown: string | null
  reason: string | null
  givenAt: string
  actorId: string | null
  recordedAt: string
}

export interface ConsentView {
  leadId: string
  purposes: PurposeState[]
  history: ConsentEntry[]
}

export interface ConsentRequest {
  purpose: Purpose
  decision: Decision
  source: string
  textShown?: string
  reason?: string
}

export interface RetentionPolicy {
  enabled: boolean
  inactiveMonths: number
  updatedAt: string | null
  lastRunAt: string | null
  lastRunErased: number
}

export interface Erasure {
  leadId: string
  erasedAt: string
  actorId: string | null
  basis: 'request' | 'retention'
  reason: string
  modules: string[]
}

/** The word that confirms an erasure when the lead has no name to type. */
export const eraseWord = 'ERASE'

/**
 * Whether what the person typed confirms erasing this lead: its full name (case and spacing aside), or ERASE.
 * Typing makes an irreversible erasure a decision, not a slip of the mouse.
 */
export function confirmsErasure(typed: string, lead: { firstName: string | null; lastName: string | null }): boolean {
  const normal = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase()
  const name = normal([lead.firstName, lead.lastName].filter(Boolean).join(' '))
  const t = normal(typed)
  return t === eraseWord.toLowerCase() || (name.length > 0 && t === name)
}

/** Whether a decision may be recorded as typed: a consent needs the words the person agreed to. */
export function consentProblem(request: ConsentRequest): string | null {
  if (!request.source.trim()) return 'Say where the person decided (web form, phone call, e-mail …).'
  if (request.decision === 'granted' && !request.textShown?.trim()) return 'A consent needs the text the person was shown.'
  return null
}

export function exportFileName(leadId: string, now: Date = new Date()): string {
  return `lead-${leadId}-${now.toISOString().slice(0, 10)}.json`
}

/** The Privacy module's calls: consents, export, erasure, retention. */
export class PrivacyApi {
  private readonly api: ApiClient

  constructor(api: ApiClient) {
    this.api = api
  }

  consents(leadId: string, signal?: AbortSignal): Promise<ConsentView> {
    return this.api.request<ConsentView>('GET', `/leads/${leadId}/consents`, undefined, { signal })
  }

  recordConsent(leadId: string, request: ConsentRequest): Promise<ConsentView> {
    return this.api.request<ConsentView>('POST', `/leads/${leadId}/consents`, request)
  }

  exportLead(leadId: string): Promise<unknown> {
    return this.api.request<unknown>('GET', `/leads/${leadId}/export`)
  }

  erase(leadId: string, reason: string): Promise<Erasure> {
    return this.api.request<Erasure>('POST', `/leads/${leadId}/erase`, { reason })
  }

  retention(signal?: AbortSignal): Promise<RetentionPolicy> {
    return this.api.request<RetentionPolicy>('GET', '/privacy/retention', undefined, { signal })
  }

  setRetention(enabled: boolean, inactiveMonths: number): Promise<RetentionPolicy> {
    return this.api.request<RetentionPolicy>('PUT', '/privacy/retention', { enabled, inactiveMonths })
  }

  erasures(signal?: AbortSignal): Promise<Erasure[]> {
    return this.api.request<Erasure[]>('GET', '/privacy/erasures', undefined, { signal })
  }
}
