import { useId, useState, type ReactNode } from 'react'

/**
 * A modal confirmation for a change that moves every lead's score (split, kill switch, promote, roll back). The
 * reason goes into the audit trail, so it is asked for here rather than defaulted.
 */
export function ConfirmDialog({ title, children, confirmLabel, danger = false, onConfirm, onCancel }: {
  title: string
  children: ReactNode
  confirmLabel: string
  danger?: boolean
  onConfirm: (reason: string) => Promise<void>
  onCancel: () => void
}) {
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const titleId = useId()
  const reasonId = useId()

  const confirm = async () => {
    setBusy(true)
    setError(null)
    try {
      await onConfirm(reason.trim())
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
      setBusy(false)
    }
  }

  return (
    <div className="dialog-backdrop">
      <div role="dialog" aria-modal="true" aria-labelledby={titleId} className="dialog card">
        <h3 id={titleId}>{title}</h3>
        <div className="dialog-body">{children}</div>
        <label htmlFor={reasonId}>Reason (kept in the audit trail)</label>
        <input id={reasonId} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} autoFocus />
        {error && <p className="alert alert-error" role="alert">{error}</p>}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
          <button
            type="button"
            className={danger ? 'button button-danger' : 'button button-primary'}
            disabled={busy || reason.trim().length === 0}
            onClick={() => void confirm()}
          >
            {confirmLabel}
          </button>
        </div>
      </div>
    </div>
  )
}
