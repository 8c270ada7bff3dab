import { deliveryOutcome, type WebhookDelivery, type WebhookDeliveryDetail } from '../../api'
import { formatDateTime } from '../../lib/format'

interface DeliveryLogProps {
  deliveries: WebhookDelivery[]
  open: WebhookDeliveryDetail | null
  canReplay: boolean
  onOpen: (deliveryId: string) => void
  onReplay: (deliveryId: string) => void
}

/** A subscription's latest deliveries; one can be opened to see its body and every attempt, and replayed. */
export function DeliveryLog({ deliveries, open, canReplay, onOpen, onReplay }: DeliveryLogProps) {
  if (deliveries.length === 0) return <p className="muted">No deliveries yet. Send a test event to try the receiver.</p>
  return (
    <table className="delivery-log">
      <caption className="visually-hidden">Deliveries</caption>
      <thead>
        <tr>
          <th scope="col">Event</th>
          <th scope="col">When</th>
          <th scope="col">Outcome</th>
          <th scope="col">Attempts</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {deliveries.map((d) => (
          <DeliveryRow key={d.id} delivery={d} detail={open?.delivery.id === d.id ? open : null} canReplay={canReplay}
            onOpen={onOpen} onReplay={onReplay} />
        ))}
      </tbody>
    </table>
  )
}

function DeliveryRow({ delivery: d, detail, canReplay, onOpen, onReplay }: {
  delivery: WebhookDelivery
  detail: WebhookDeliveryDetail | null
  canReplay: boolean
  onOpen: (id: string) => void
  onReplay: (id: string) => void
}) {
  return (
    <>
      <tr data-status={d.status}>
        <td><code>{d.eventType}</code></td>
        <td>{formatDateTime(d.createdAt)}</td>
        <td className={`delivery-${d.status}`}>{deliveryOutcome(d)}</td>
        <td>{d.attempts}</td>
        <td className="button-row">
          <button type="button" className="button button-link button-small" onClick={() => onOpen(d.id)} aria-expanded={detail !== null}>
            Details
          </button>
          {d.status !== 'pending' && canReplay && (
            <button type="button" className="button button-secondary button-small" onClick={() => onReplay(d.id)}>
              Replay
            </button>
          )}
        </td>
      </tr>
      {detail && (
        <tr className="delivery-detail">
          <td colSpan={5}>
            <ol className="attempt-list">
              {detail.attemptLog.map((a) => (
                <li key={a.number}>
                  #{a.number}{a.replay ? ' (replay)' : ''} · {formatDateTime(a.attemptedAt)} ·{' '}
                  {a.statusCode !== null ? `HTTP ${a.statusCode}` : a.error} · {a.durationMs} ms
                  {a.responseSnippet && <pre className="snippet">{a.responseSnippet}</pre>}
                </li>
              ))}
            </ol>
            <pre className="snippet" aria-label="Body sent">{detail.body}</pre>
          </td>
        </tr>
      )}
    </>
  )
}
