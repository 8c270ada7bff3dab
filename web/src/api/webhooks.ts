import type { ApiClient } from './client'

/** A webhook subscription as the API shows it (never its secret). */
export interface WebhookSubscription {
  id: string
  url: string
  description: string
  eventTypes: string[]
  active: boolean
  /** The secret's first characters, to tell secrets apart. */
  secretHint: string
  /** Set while a rotated-out secret still signs deliveries beside the new one. */
  previousSecretExpiresAt: string | null
  consecutiveFailures: number
  disabledAt: string | null
  /** Why Beacon disabled it (too many failures in a row); null when active or disabled by hand. */
  disabledReason: string | null
  createdAt: string
  updatedAt: string
}

/** The only answers that carry the secret: creation and rotation. */
export interface SubscriptionWithSecret {
  subscription: WebhookSubscription
  secret: string
}

export interface WebhookDelivery {
  id: string
  eventType: string
  status: 'pending' | 'succeeded' | 'failed'
  attempts: number
  createdAt: string
  nextAttemptAt: string | null
  completedAt: string | null
  lastStatusCode: number | null
  lastError: string | null
}

export interface WebhookAttempt {
  number: number
  attemptedAt: string
  statusCode: number | null
  durationMs: number
  error: string | null
  responseSnippet: string | null
  replay: boolean
}

export interface WebhookDeliveryDetail {
  delivery: WebhookDelivery
  body: string
  attemptLog: WebhookAttempt[]
}

export interface SubscriptionInput {
  url: string
  eventTypes: string[]
  description?: string
}

/** What each event type means, for the event picker. */
export const eventTypeHelp: Record<string, string> = {
  'lead.created': 'A lead was captured.',
  'lead.updated': 'A lead was edited (with each changed field before and after).',
  'lead.scored': "A lead's score changed materially.",
  'lead.enriched': 'A data provider finished with a lead.',
  'lead.stage_changed': "A lead's stage changed.",
  'lead.converted': 'A lead reached the closed stage.',
  'workflow.step': 'A workflow step ran (reserved: workflows are coming).',
}

/** One line for a delivery's outcome: "HTTP 200", "HTTP 500 · retrying", "timed out · failed". */
export function deliveryOutcome(d: WebhookDelivery): string {
  const last = d.lastStatusCode !== null ? `HTTP ${d.lastStatusCode}` : (d.lastError ?? 'not attempted yet')
  if (d.status === 'pending') return d.attempts === 0 ? 'Queued' : `${last} · retrying`
  return d.status === 'succeeded' ? last : `${last} · failed`
}

/** The calls of `/api/v1/webhooks` (owners and admins). */
export class WebhooksApi {
  private readonly api: ApiClient

  constructor(api: ApiClient) {
    this.api = api
  }

  list(signal?: AbortSignal): Promise<WebhookSubscription[]> {
    return this.api.request('GET', '/webhooks', undefined, { signal })
  }

  eventTypes(signal?: AbortSignal): Promise<string[]> {
    return this.api.request('GET', '/webhooks/event-types', undefined, { signal })
  }

  create(input: SubscriptionInput): Promise<SubscriptionWithSecret> {
    return this.api.request('POST', '/webhooks', input)
  }

  update(id: string, changes: Partial<SubscriptionInput> & { active?: boolean }): Promise<WebhookSubscription> {
    return this.api.request('PATCH', `/webhooks/${id}`, changes)
  }

  remove(id: string): Promise<void> {
    return this.api.request('DELETE', `/webhooks/${id}`)
  }

  rotateSecret(id: string): Promise<SubscriptionWithSecret> {
    return this.api.request('POST', `/webhooks/${id}/rotate-secret`)
  }

  ping(id: string): Promise<{ deliveryId: string }> {
    return this.api.request('POST', `/webhooks/${id}/ping`)
  }

  deliveries(id: string, signal?: AbortSignal): Promise<WebhookDelivery[]> {
    return this.api.request('GET', `/webhooks/${id}/deliveries`, undefined, { signal })
  }

  delivery(id: string, deliveryId: string): Promise<WebhookDeliveryDetail> {
    return this.api.request('GET', `/webhooks/${id}/deliveries/${deliveryId}`)
  }

  replay(id: string, deliveryId: string): Promise<void> {
    return this.api.request('POST', `/webhooks/${id}/deliveries/${deliveryId}/replay`)
  }
}
