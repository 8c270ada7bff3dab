import { useCallback, useEffect, useState, type FormEvent } from 'react'
import {
  describeError,
  exportFileName,
  consentProblem,
  privacyApi,
  purposeLabels,
  purposes,
  type ConsentView,
  type Decision,
  type Lead,
  type Me,
  type Purpose,
} from '../api'
import { formatDateTime } from '../lib/format'
import { Alert } from './Alert'
import { Field } from './Field'
import { SelectField } from './SelectField'
import { EraseLead } from './EraseLead'

const purposeOptions = purposes.map((p) => ({ value: p, label: purposeLabels[p] }))
const decisionOptions = [
  { value: 'granted', label: 'Consent given' },
  { value: 'withdrawn', label: 'Consent withdrawn' },
  { value: 'objected', label: 'Objected' },
]
const statusText: Record<string, string> = { granted: 'Given', withdrawn: 'Withdrawn', objected: 'Objected', unknown: 'Not recorded' }

/** Hands a JSON document to the browser as a file download. */
function download(document: unknown, fileName: string) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(document, null, 2)], { type: 'application/json' }))
  const link = window.document.createElement('a')
  link.href = url
  link.download = fileName
  link.click()
  // Revoked a moment later: revoking at once can cancel the download before the browser has read the blob.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** The lead's consents per purpose (and a form to record a decision), its data export and, for admins, erasure. */
export function PrivacyPanel({ lead, me, canRecord, onDecision }: { lead: Lead; me: Me; canRecord: boolean; onDecision?: () => void }) {
  const [view, setView] = useState<ConsentView | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [purpose, setPurpose] = useState<Purpose>('email_marketing')
  const [decision, setDecision] = useState<Decision>('granted')
  const [source, setSource] = useState('')
  const [textShown, setTextShown] = useState('')
  const [busy, setBusy] = useState(false)

  const load = useCallback(() => privacyApi.consents(lead.id).then(setView, (e: unknown) => setError(describeError(e))), [lead.id])
  useEffect(() => {
    void load()
  }, [load])

  const record = async (event: FormEvent) => {
    event.preventDefault()
    const request = { purpose, decision, source, textShown: textShown || undefined }
    const problem = consentProblem(request)
    if (problem) return setError(problem)
    setBusy(true)
    try {
      setView(await privacyApi.recordConsent(lead.id, request))
      onDecision?.()
      setSource('')
      setTextShown('')
      setError(null)
    } catch (e) {
      setError(describeError(e))
    } finally {
      setBusy(false)
    }
  }

  const exportData = async () => {
    try {
      download(await privacyApi.exportLead(lead.id), exportFileName(lead.id))
    } catch (e) {
      setError(describeError(e))
    }
  }

  return (
    <section className="card" aria-labelledby="privacy">
      <h2 id="privacy" className="card-title">
        Privacy
      </h2>
      {error && <Alert tone="error">{error}</Alert>}
      <dl className="facts facts-single" aria-label="Consents">
        {(view?.purposes ?? []).map((p) => (
          <div key={p.purpose} className="fact">
            <dt>{purposeLabels[p.purpose]}</dt>
            <dd data-purpose={p.purpose}>
              {statusText[p.status]}
              {p.since && <span className="muted"> · {formatDateTime(p.since)}{p.source ? ` · ${p.source}` : ''}</span>}
            </dd>
          </div>
        ))}
      </dl>
      {canRecord && (
        <form onSubmit={record} aria-label="Record a consent decision">
          <SelectField label="Purpose" options={purposeOptions} value={purpose} onChange={(e) => setPurpose(e.target.value as Purpose)} />
          <SelectField label="Decision" options={decisionOptions} value={decision} onChange={(e) => setDecision(e.target.value as Decision)} />
          <Field label="Where" hint="Web form, phone call, e-mail reply …" value={source} onChange={(e) => setSource(e.target.value)} />
          {decision === 'granted' && (
            <Field label="Text shown" hint="The words the person agreed to" value={textShown} onChange={(e) => setTextShown(e.target.value)} />
          )}
          <button type="submit" className="button button-secondary" disabled={busy}>
            {busy ? 'Recording…' : 'Record decision'}
          </button>
        </form>
      )}
      {view && view.history.length > 0 && (
        <details>
          <summary>History ({view.history.length})</summary>
          <ol className="consent-history">
            {view.history.map((h) => (
              <li key={h.id}>
                {formatDateTime(h.givenAt)} · {purposeLabels[h.purpose]}: {statusText[h.decision]} ({h.source})
                {h.textShown && <q>{h.textShown}</q>}
              </li>
            ))}
          </ol>
        </details>
      )}
      <div className="page-actions">
        {canRecord && (
          <button type="button" className="button button-secondary" onClick={() => void exportData()}>
            Export data
          </button>
        )}
        {(me.role === 'owner' || me.role === 'admin') && <EraseLead lead={lead} />}
      </div>
    </section>
  )
}
