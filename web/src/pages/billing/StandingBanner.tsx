import type { BillingSubscription } from '../../api/billing'
import { Alert } from '../../components/Alert'
import { formatDateTime } from '../../lib/format'

/** The account's standing: restricted after failed collection (nothing is deleted), or the trial's end. */
export function StandingBanner({ subscription }: { subscription: BillingSubscription }) {
  if (subscription.standing === 'restricted') {
    return (
      <Alert tone="error">
        <strong>Your plan is restricted</strong> because an invoice could not be collected
        {subscription.standingReason ? ` (${subscription.standingReason})` : ''}. Your data is kept; paying the overdue
        invoice lifts the restriction.
      </Alert>
    )
  }
  if (subscription.inTrial) {
    return <Alert tone="info">Free trial until {formatDateTime(subscription.trialEndsAt)}: the plan&apos;s price is waived until then.</Alert>
  }
  return null
}
