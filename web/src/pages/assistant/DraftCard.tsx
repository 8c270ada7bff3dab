import { useState } from 'react'
import type { AssistantDraft } from '../../api'

/** What Copy puts on the clipboard: an e-mail's subject line above its body, a text's body as it would go. */
export function draftClipboardText(draft: AssistantDraft): string {
  return draft.subject ? `Subject: ${draft.subject}\n\n${draft.body}` : draft.body
}

/** "Text to Maria Lopez · 1 segment" / "E-mail to Bob Stone". */
export function draftHeading(draft: AssistantDraft): string {
  const channel = draft.channel === 'sms' ? 'Text' : 'E-mail'
  const segments = draft.segments ? ` · ${draft.segments} segment${draft.segments === 1 ? '' : 's'}` : ''
  return `${channel} to ${draft.leadName}${segments}`
}

/**
 * A drafted message under the answer that wrote it: channel and recipient, subject, body, the compliance notes to read
 * before sending, and Copy. Beacon does not send it; the person does, from their own mail or phone, or a workflow does.
 */
export function DraftCard({ draft }: { draft: AssistantDraft }) {
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle')

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(draftClipboardText(draft))
      setCopied('copied')
    } catch {
      setCopied('failed')
    }
  }

  return (
    <figure className="assistant-draft" data-testid="assistant-draft" data-channel={draft.channel}>
      <figcaption className="assistant-draft-heading">{draftHeading(draft)}</figcaption>
      {draft.subject && (
        <div className="assistant-draft-subject">
          <span className="muted">Subject:</span> {draft.subject}
        </div>
      )}
      <div className="assistant-draft-body" data-testid="assistant-draft-body">{draft.body}</div>
      {draft.notes.length > 0 && (
        <ul className="assistant-draft-notes" aria-label="Before you send">
          {draft.notes.map((note) => (
            <li key={note} role="note">{note}</li>
          ))}
        </ul>
      )}
      <div className="button-row">
        <button type="button" className="button" onClick={() => void copy()}>Copy</button>
        <span className="muted" aria-live="polite">
          {copied === 'copied' ? 'Copied — paste it into your mail or messages.' : copied === 'failed' ? 'Copy failed; select the text instead.' : ''}
        </span>
      </div>
    </figure>
  )
}
