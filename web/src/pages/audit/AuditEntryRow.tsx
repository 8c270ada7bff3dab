import { useState } from 'react'
import { auditChanges, type AuditEntry, type User } from '../../api'
import { formatDateTime } from '../../lib/format'

const actorKinds: Record<AuditEntry['actorKind'], string> = {
  user: 'User',
  api_key: 'API key',
  system: 'System',
  workflow: 'Workflow',
  assistant: 'Assistant',
  anonymous: 'Not signed in',
}

function actorLabel(entry: AuditEntry, users: User[] | null): string {
  if (entry.actorKind === 'user' && entry.actorId) {
    return users?.find((u) => u.id === entry.actorId)?.displayName ?? `User ${entry.actorId.slice(0, 8)}`
  }
  return entry.actorId ? `${actorKinds[entry.actorKind]} ${entry.actorId.slice(0, 8)}` : actorKinds[entry.actorKind]
}

/** One entry: when, who, what, on which record; expands to the before/after of each field and the request's trace. */
export function AuditEntryRow({ entry, users }: { entry: AuditEntry; users: User[] | null }) {
  const [open, setOpen] = useState(false)
  const changes = auditChanges(entry.payload)
  const detailsId = `audit-entry-${entry.seq}`
  return (
    <li className="audit-entry" data-seq={entry.seq}>
      <button type="button" className="audit-row" aria-expanded={open} aria-controls={detailsId} onClick={() => setOpen((o) => !o)}>
        <span className="audit-seq">#{entry.seq}</span>
        <time dateTime={entry.occurredAt}>{formatDateTime(entry.occurredAt)}</time>
        <span>{actorLabel(entry, users)}</span>
        <span className="audit-action">{entry.action}</span>
        <span>{entry.subjectType ? `${entry.subjectType} ${entry.subjectId ?? ''}`.trim() : '—'}</span>
      </button>
      {open && (
        <div id={detailsId} className="audit-details">
          {entry.redactedAt ? (
            <p>Values removed by an erasure on {formatDateTime(entry.redactedAt)}; the entry itself stays in the chain.</p>
          ) : changes.length > 0 ? (
            <table className="audit-diff">
              <thead>
                <tr>
                  <th scope="col">Field</th>
                  <th scope="col">Before</th>
                  <th scope="col">After</th>
                </tr>
              </thead>
              <tbody>
                {changes.map((c) => (
                  <tr key={c.field}>
                    <th scope="row">{c.field}</th>
                    <td className="audit-before">{c.before}</td>
                    <td className="audit-after">{c.after}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p>No field values recorded for this change.</p>
          )}
          <p className="audit-trace">
            Request {entry.requestId ?? '—'} from {entry.clientAddress ?? 'an unknown address'}
          </p>
        </div>
      )}
    </li>
  )
}
