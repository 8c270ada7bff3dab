import type { WebhookDelivery, WebhookDeliveryDetail, WebhookSubscription } from '../../api'
import { Alert } from '../../components/Alert'
import { formatDateTime } from '../../lib/format'
import { DeliveryLog } from './DeliveryLog'

export interface SubscriptionActions {
  onToggle: (s: WebhookSubscription) => void
  onRotate: (s: WebhookSubscription) => void
  onPing: (s: WebhookSubscription) => void
  onDelete: (s: WebhookSubscription) => void
  onShowLog: (s: WebhookSubscription) => void
  onOpenDelivery: (s: WebhookSubscription, deliveryId: string) => void
  onReplay: (s: WebhookSubscription, deliveryId: string) => void
}

interface SubscriptionCardProps extends SubscriptionActions {
  subscription: WebhookSubscription
  /** The delivery log, once asked for. */
  deliveries: WebhookDelivery[] | null
  openDelivery: WebhookDeliveryDetail | null
}

/** One subscription: where, what, its state (with Beacon's notice when it disabled it) and what can be done with it. */
export function SubscriptionCard(props: SubscriptionCardProps) {
  const { subscription: s, deliveries, openDelivery } = props
  return (
    <article className="card webhook" aria-label={`Webhook ${s.url}`} data-active={s.active}>
      <header className="webhook-head">
        <h3 className="card-title"><code>{s.url}</code></h3>
        <span className={`badge ${s.active ? 'badge-success' : 'badge-muted'}`}>{s.active ? 'Active' : 'Disabled'}</span>
      </header>
      {s.description && <p>{s.description}</p>}
      {s.disabledReason && (
        <Alert tone="error">
          {s.disabledReason} Fix the receiver, enable the webhook again and replay what failed.
        </Alert>
      )}
      <p className="muted">
        Events: {s.eventTypes.map((t) => <code key={t}>{t} </code>)} · Secret {s.secretHint}
        {s.previousSecretExpiresAt && ` · previous secret valid until ${formatDateTime(s.previousSecretExpiresAt)}`}
        {s.active && s.consecutiveFailures > 0 && ` · ${s.consecutiveFailures} failed attempt(s) in a row`}
      </p>
      <div className="button-row">
        <button type="button" className="button button-secondary button-small" onClick={() => props.onPing(s)} disabled={!s.active}>
          Send test event
        </button>
        <button type="button" className="button button-secondary button-small" onClick={() => props.onShowLog(s)}>
          Delivery log
        </button>
        <button type="button" className="button button-secondary button-small" onClick={() => props.onRotate(s)}>
          Rotate secret
        </button>
        <button type="button" className="button button-secondary button-small" onClick={() => props.onToggle(s)}>
          {s.active ? 'Disable' : 'Enable'}
        </button>
        <button type="button" className="button button-link button-small" onClick={() => props.onDelete(s)}>
          Delete
        </button>
      </div>
      {deliveries && (
        <DeliveryLog deliveries={deliveries} open={openDelivery} canReplay={s.active}
          onOpen={(id) => props.onOpenDelivery(s, id)} onReplay={(id) => props.onReplay(s, id)} />
      )}
    </article>
  )
}
