import { useState } from 'react'
import { Alert } from '../../components/Alert'

/** The signing secret, shown once after creation or rotation: Beacon cannot show it again. */
export function SecretOnce({ secret, rotated, onDone }: { secret: string; rotated: boolean; onDone: () => void }) {
  const [copied, setCopied] = useState(false)
  const copy = async () => {
    await navigator.clipboard?.writeText(secret)
    setCopied(true)
  }
  return (
    <Alert tone="info">
      <p>
        <strong>{rotated ? 'New signing secret' : 'Signing secret'}</strong> — copy it now; it will not be shown again.
        {rotated && ' The previous secret keeps signing beside it for 24 hours, so you can update your receiver.'}
      </p>
      <p>
        <code className="webhook-secret" data-testid="webhook-secret">
          {secret}
        </code>
      </p>
      <div className="button-row">
        <button type="button" className="button button-secondary button-small" onClick={copy}>
          {copied ? 'Copied' : 'Copy'}
        </button>
        <button type="button" className="button button-link button-small" onClick={onDone}>
          I have stored it
        </button>
      </div>
    </Alert>
  )
}
