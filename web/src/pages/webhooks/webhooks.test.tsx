import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it, vi } from 'vitest'
import type { ApiClient } from '../../api/client'
import { WebhooksApi, deliveryOutcome, type WebhookDelivery, type WebhookSubscription } from '../../api/webhooks'
import { DeliveryLog } from './DeliveryLog'
import { SubscriptionCard } from './SubscriptionCard'

const delivery = (over: Partial<WebhookDelivery>): WebhookDelivery => ({
  id: 'd1',
  eventType: 'lead.created',
  status: 'succeeded',
  attempts: 1,
  createdAt: '2026-12-06T10:00:00Z',
  nextAttemptAt: null,
  completedAt: '2026-12-06T10:00:01Z',
  lastStatusCode: 200,
  lastError: null,
  ...over,
})

const subscription = (over: Partial<WebhookSubscription>): WebhookSubscription => ({
  id: 's1',
  url: 'https://crm.example.com/beacon',
  description: 'CRM sync',
  eventTypes: ['lead.created', 'lead.updated'],
  active: true,
  secretHint: 'whsec_abcd…',
  previousSecretExpiresAt: null,
  consecutiveFailures: 0,
  disabledAt: null,
  disabledReason: null,
  createdAt: '2026-12-06T10:00:00Z',
  updatedAt: '2026-12-06T10:00:00Z',
  ...over,
})

const noop = () => {}
const actions = {
  onToggle: noop, onRotate: noop, onPing: noop, onDelete: noop, onShowLog: noop, onOpenDelivery: noop, onReplay: noop,
}

describe('webhook deliveries', () => {
  it('says how each delivery went', () => {
    expect(deliveryOutcome(delivery({}))).toBe('HTTP 200')
    expect(deliveryOutcome(delivery({ status: 'pending', attempts: 2, lastStatusCode: 500 }))).toBe('HTTP 500 · retrying')
    expect(deliveryOutcome(delivery({ status: 'failed', lastStatusCode: null, lastError: 'No answer within 10 s.' })))
      .toBe('No answer within 10 s. · failed')
    expect(deliveryOutcome(delivery({ status: 'pending', attempts: 0, lastStatusCode: null }))).toBe('Queued')
  })

  it('offers replay for finished deliveries of an active webhook only', () => {
    const log = (canReplay: boolean, d: WebhookDelivery) =>
      renderToStaticMarkup(<DeliveryLog deliveries={[d]} open={null} canReplay={canReplay} onOpen={noop} onReplay={noop} />)

    expect(log(true, delivery({ status: 'failed', lastStatusCode: 500 }))).toContain('Replay')
    expect(log(true, delivery({ status: 'pending', attempts: 1, lastStatusCode: 500 }))).not.toContain('Replay')
    expect(log(false, delivery({ status: 'failed' }))).not.toContain('Replay')
  })
})

describe('a webhook card', () => {
  it("shows Beacon's notice when it disabled the webhook, and offers to enable it", () => {
    const html = renderToStaticMarkup(
      <SubscriptionCard {...actions} deliveries={null} openDelivery={null}
        subscription={subscription({ active: false, disabledReason: 'Disabled after 20 failed deliveries in a row; the last: HTTP 500.' })} />,
    )

    expect(html).toContain('Disabled after 20 failed deliveries in a row')
    expect(html).toContain('Enable')
    expect(html).not.toContain('>Disable<')
  })

  it('never shows more of the secret than its hint', () => {
    const html = renderToStaticMarkup(<SubscriptionCard {...actions} deliveries={null} openDelivery={null} subscription={subscription({})} />)

    expect(html).toContain('whsec_abcd…')
    expect(html).toContain('Active')
  })
})

describe('the webhooks API', () => {
  it('calls the documented routes', async () => {
    const request = vi.fn().mockResolvedValue(undefined)
    const hooks = new WebhooksApi({ request } as unknown as ApiClient)

    await hooks.create({ url: 'https://x.example/h', eventTypes: ['lead.created'] })
    await hooks.update('s1', { active: false })
    await hooks.rotateSecret('s1')
    await hooks.ping('s1')
    await hooks.replay('s1', 'd1')

    expect(request.mock.calls.map((c) => `${c[0]} ${c[1]}`)).toEqual([
      'POST /webhooks',
      'PATCH /webhooks/s1',
      'POST /webhooks/s1/rotate-secret',
      'POST /webhooks/s1/ping',
      'POST /webhooks/s1/deliveries/d1/replay',
    ])
    expect(request.mock.calls[1][2]).toEqual({ active: false })
  })
})
