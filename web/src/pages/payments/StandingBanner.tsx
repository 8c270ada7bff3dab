import { useEffect, useState } from 'react'
import { paymentsApi, type Me, type Standing } from '../../api'
import { Link } from '../../router'

const standingChanged = 'beacon:standing-changed'

/** Tells the banner to ask again (after a payment), without waiting for the next navigation. */
export function announceStandingChange(): void {
  window.dispatchEvent(new Event(standingChanged))
}

/** Who may pay, and so is shown the way to the payment page. */
const payers = ['owner', 'admin']

/**
 * Shown on every page while the brokerage is restricted for an unpaid invoice: what happened, that nothing is lost,
 * and (to owners and admins) where to pay. Asked again on each navigation and after each payment.
 */
export function StandingBanner({ me, path }: { me: Me; path: string }) {
  const [standing, setStanding] = useState<Standing | null>(null)

  useEffect(() => {
    const controller = new AbortController()
    const ask = () => void paymentsApi.standing(controller.signal).then(setStanding, () => {})
    ask()
    window.addEventListener(standingChanged, ask)
    return () => {
      window.removeEventListener(standingChanged, ask)
      controller.abort()
    }
  }, [path])

  if (!standing?.restricted) return null
  return <RestrictedNotice standing={standing} canPay={payers.includes(me.role)} onPaymentPage={path === standing.payUrl} />
}

export function RestrictedNotice({ standing, canPay, onPaymentPage }: { standing: Standing; canPay: boolean; onPaymentPage: boolean }) {
  return (
    <div className="standing-banner" role="alert">
      <strong>Your account is restricted.</strong> {standing.reason} You can still read and export everything; nothing new
      can be saved until it is paid, and nothing has been deleted.{' '}
      {canPay ? (
        !onPaymentPage && <Link to={standing.payUrl}>Pay the invoice</Link>
      ) : (
        <span>Ask an owner or admin to pay it.</span>
      )}
    </div>
  )
}
