import { useCallback, useEffect, useState } from 'react'
import { billingApi, describeError, type BillingInvoice, type BillingPlan, type BillingSubscription } from '../../api'
import { Alert } from '../../components/Alert'
import { PageHeading } from '../../components/PageHeading'
import { Link } from '../../router'
import { InvoiceList } from './InvoiceList'
import { PlanPicker } from './PlanPicker'
import { StandingBanner } from './StandingBanner'

function fetchAll(signal?: AbortSignal) {
  return Promise.all([billingApi.subscription(signal), billingApi.plans(signal), billingApi.invoices(signal)])
}

/** Settings → Plan & invoices (owners and admins): standing, current plan, plan change with proration, invoices. */
export function BillingPage() {
  const [subscription, setSubscription] = useState<BillingSubscription | null>(null)
  const [plans, setPlans] = useState<BillingPlan[]>([])
  const [invoices, setInvoices] = useState<BillingInvoice[] | null>(null)
  const [error, setError] = useState<string | null>(null)

  const apply = useCallback(([s, p, i]: [BillingSubscription, BillingPlan[], BillingInvoice[]]) => {
    setSubscription(s)
    setPlans(p)
    setInvoices(i)
  }, [])

  useEffect(() => {
    const abort = new AbortController()
    fetchAll(abort.signal).then(apply).catch((e) => abort.signal.aborted || setError(describeError(e)))
    return () => abort.abort()
  }, [apply])

  const reload = () => void fetchAll().then(apply).catch((e) => setError(describeError(e)))

  return (
    <section className="page billing-page" aria-labelledby="billing-heading">
      <PageHeading id="billing-heading">Plan &amp; invoices</PageHeading>
      {error && <Alert tone="error">{error}</Alert>}
      {!subscription && !error && <p role="status">Loading billing…</p>}
      {subscription && (
        <>
          <StandingBanner subscription={subscription} />
          <p>
            You are on the <strong data-testid="current-plan">{subscription.plan.name}</strong> plan. See this month&apos;s{' '}
            <Link to="/settings/usage">usage</Link>.
          </p>
          <h2>Plans</h2>
          <PlanPicker plans={plans} current={subscription.plan.code}
            onChanged={reload} />
        </>
      )}
      <h2>Invoices</h2>
      {invoices && <InvoiceList invoices={invoices} />}
    </section>
  )
}
