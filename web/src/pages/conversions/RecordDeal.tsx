import { useEffect, useState, type FormEvent } from 'react'
import { conversionsApi, describeError, type Deal } from '../../api'
import { Alert } from '../../components/Alert'
import { money, stageLabel } from './conversionView'
import { dealFromForm } from './dealForm'

/** The lead's deals and, for those who may change the lead, a "Record deal" form (a closed deal closes the lead). */
export function RecordDeal({ leadId, canRecord, onRecorded }: { leadId: string; canRecord: boolean; onRecorded: () => void }) {
  const [deals, setDeals] = useState<Deal[] | null>(null)
  const [open, setOpen] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [reload, setReload] = useState(0)

  useEffect(() => {
    let current = true
    conversionsApi
      .deals(leadId)
      .then((page) => current && setDeals(page.items))
      .catch(() => current && setDeals([]))
    return () => {
      current = false
    }
  }, [leadId, reload])

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const parsed = dealFromForm(leadId, new FormData(event.currentTarget))
    if ('error' in parsed) {
      setError(parsed.error)
      return
    }
    try {
      await conversionsApi.recordDeal(parsed.deal)
      setError(null)
      setOpen(false)
      setReload((k) => k + 1)
      onRecorded()
    } catch (e) {
      setError(describeError(e))
    }
  }

  return (
    <section className="card" aria-labelledby="deals-title">
      <div className="card-title-row">
        <h2 id="deals-title" className="card-title">
          Deals
        </h2>
        {canRecord && !open && (
          <button type="button" className="button button-secondary button-small" onClick={() => setOpen(true)}>
            Record deal
          </button>
        )}
      </div>
      {deals && deals.length === 0 && !open && <p className="muted">No deal recorded.</p>}
      {deals && deals.length > 0 && (
        <ul className="deal-list">
          {deals.map((d) => (
            <li key={d.id}>
              {stageLabel(d.stage)}
              {d.closeDate ? ` · ${d.closeDate}` : ''}
              {d.priceCents !== null ? ` · ${money(d.priceCents, d.currency)}` : ''}
              {d.commissionCents !== null ? ` · GCI ${money(d.commissionCents, d.currency)}` : ''}
            </li>
          ))}
        </ul>
      )}
      {open && (
        <form className="deal-form" aria-label="Record deal" onSubmit={(e) => void submit(e)}>
          <label>
            Stage
            <select name="stage" defaultValue="closed">
              <option value="offer">Offer</option>
              <option value="under_contract">Under contract</option>
              <option value="closed">Closed</option>
            </select>
          </label>
          <label>
            Close date <input name="closeDate" type="date" />
          </label>
          <label>
            Price ($) <input name="price" type="number" min="0" step="1" />
          </label>
          <label>
            Commission / GCI ($) <input name="commission" type="number" min="0" step="0.01" />
          </label>
          {error && <Alert tone="error">{error}</Alert>}
          <div className="form-actions">
            <button type="submit" className="button button-small">
              Save deal
            </button>
            <button type="button" className="button button-secondary button-small" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </section>
  )
}
