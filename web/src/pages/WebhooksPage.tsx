import { useCallback, useEffect, useState } from 'react'
import {
  describeError,
  webhooksApi,
  type SubscriptionInput,
  type WebhookDelivery,
  type WebhookDeliveryDetail,
  type WebhookSubscription,
} from '../api'
import { Alert } from '../components/Alert'
import { PageHeading } from '../components/PageHeading'
import { SecretOnce } from './webhooks/SecretOnce'
import { SubscriptionCard } from './webhooks/SubscriptionCard'
import { SubscriptionForm } from './webhooks/SubscriptionForm'

/** Settings → Webhooks (owners and admins): subscriptions, their secrets, test events and delivery logs. */
export function WebhooksPage() {
  const [subscriptions, setSubscriptions] = useState<WebhookSubscription[] | null>(null)
  const [eventTypes, setEventTypes] = useState<string[]>([])
  const [secret, setSecret] = useState<{ value: string; rotated: boolean } | null>(null)
  const [logs, setLogs] = useState<Record<string, WebhookDelivery[]>>({})
  const [open, setOpen] = useState<WebhookDeliveryDetail | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)

  const reload = useCallback(async () => setSubscriptions(await webhooksApi.list()), [])

  useEffect(() => {
    const abort = new AbortController()
    Promise.all([webhooksApi.list(abort.signal), webhooksApi.eventTypes(abort.signal)])
      .then(([list, types]) => {
        setSubscriptions(list)
        setEventTypes(types)
      })
      .catch((e) => abort.signal.aborted || setError(describeError(e)))
    return () => abort.abort()
  }, [])

  // Every action reports its failure in one place and refreshes what it changed.
  const act = (task: () => Promise<void>) => async () => {
    setError(null)
    setNotice(null)
    try {
      await task()
    } catch (e) {
      setError(describeError(e))
    }
  }

  const showLog = (s: WebhookSubscription) => act(async () => {
    const deliveries = await webhooksApi.deliveries(s.id)
    setLogs((l) => ({ ...l, [s.id]: deliveries }))
  })()

  const create = async (input: SubscriptionInput) => {
    const created = await webhooksApi.create(input)
    setSecret({ value: created.secret, rotated: false })
    await reload()
  }

  return (
    <section className="page webhooks-page" aria-labelledby="webhooks-heading">
      <PageHeading id="webhooks-heading">Webhooks</PageHeading>
      <p className="muted">
        Beacon POSTs each chosen event to your endpoint as JSON, signed with the subscription&apos;s secret (HMAC-SHA256
        over the timestamp and body), retries failures with growing pauses, and disables an endpoint that keeps failing
        (the owners are e-mailed).
      </p>
      {error && <Alert tone="error">{error}</Alert>}
      {notice && <Alert tone="info">{notice}</Alert>}
      {secret && <SecretOnce secret={secret.value} rotated={secret.rotated} onDone={() => setSecret(null)} />}
      <SubscriptionForm eventTypes={eventTypes} onCreate={create} />
      {subscriptions === null && !error && <p role="status">Loading webhooks…</p>}
      {subscriptions?.length === 0 && <p className="muted">No webhooks yet.</p>}
      {subscriptions?.map((s) => (
        <SubscriptionCard
          key={s.id}
          subscription={s}
          deliveries={logs[s.id] ?? null}
          openDelivery={open}
          onShowLog={showLog}
          onToggle={(x) => act(async () => {
            await webhooksApi.update(x.id, { active: !x.active })
            await reload()
          })()}
          onRotate={(x) => act(async () => {
            const rotated = await webhooksApi.rotateSecret(x.id)
            setSecret({ value: rotated.secret, rotated: true })
            await reload()
          })()}
          onPing={(x) => act(async () => {
            await webhooksApi.ping(x.id)
            setNotice('Test event queued; open the delivery log to see how your endpoint answered.')
            await showLog(x)
          })()}
          onDelete={(x) => act(async () => {
            if (!window.confirm(`Delete the webhook to ${x.url} and its delivery log?`)) return
            await webhooksApi.remove(x.id)
            await reload()
          })()}
          onOpenDelivery={(x, id) => act(async () => setOpen(open?.delivery.id === id ? null : await webhooksApi.delivery(x.id, id)))()}
          onReplay={(x, id) => act(async () => {
            await webhooksApi.replay(x.id, id)
            setNotice('Delivery queued again with the same body and id.')
            await showLog(x)
          })()}
        />
      ))}
    </section>
  )
}
