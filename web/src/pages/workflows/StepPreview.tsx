import { useState } from 'react'
import { ApiError, describeError, workflowsApi, type TemplatePreview } from '../../api'
import { Alert } from '../../components/Alert'
import type { KindValues } from './kindFields'

interface Props {
  channel: 'email' | 'sms'
  values: KindValues
  /** Where a 400 naming `subject` or `body` is shown: on the step's own fields. */
  onFieldErrors: (errors: Record<string, string[]>) => void
}

/** "Preview": the step's text rendered for a sample lead (you as the agent), with each merge field's value or fallback. */
export function StepPreview({ channel, values, onFieldErrors }: Props) {
  const [preview, setPreview] = useState<TemplatePreview | null>(null)
  const [failure, setFailure] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const show = async () => {
    setBusy(true)
    setFailure(null)
    try {
      const subject = channel === 'email' ? String(values.subject ?? '') : undefined
      setPreview(await workflowsApi.preview({ subject, body: String(values.body ?? ''), channel }))
      onFieldErrors({})
    } catch (e) {
      setPreview(null)
      if (e instanceof ApiError && Object.keys(e.fieldErrors).length > 0) onFieldErrors(e.fieldErrors)
      else setFailure(describeError(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="step-preview">
      <button type="button" className="button button-secondary button-small" onClick={show} disabled={busy}>
        {busy ? 'Rendering…' : preview ? 'Refresh preview' : 'Preview'}
      </button>
      {failure && <Alert tone="error">{failure}</Alert>}
      {preview && (
        <figure className="step-preview-body" aria-label="Preview">
          <figcaption className="muted">For {preview.lead}{preview.segments != null && ` · ${preview.segments} segment${preview.segments === 1 ? '' : 's'}`}</figcaption>
          {preview.subject != null && <p className="step-preview-subject">{preview.subject}</p>}
          <pre>{preview.body}</pre>
          {preview.fields.some((f) => f.fallbackUsed) && (
            <ul className="muted">
              {preview.fields.filter((f) => f.fallbackUsed).map((f) => (
                <li key={`${f.field}|${f.fallback}`}>
                  {`{{${f.field}}}`} has no value here: {f.fallback ? `the fallback “${f.fallback}” is used` : 'left out (no fallback)'}.
                </li>
              ))}
            </ul>
          )}
        </figure>
      )}
    </div>
  )
}
