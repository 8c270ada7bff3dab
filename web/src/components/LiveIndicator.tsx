import { useLiveStatus } from '../live'

const labels = {
  live: { text: 'Live', title: 'Updates arrive the moment they happen.' },
  polling: { text: 'Polling', title: 'Live connection blocked here; updates still arrive within seconds.' },
  connecting: { text: 'Connecting…', title: 'Connecting to live updates.' },
  offline: { text: 'Offline', title: 'No connection to Beacon. Retrying; nothing will be missed.' },
} as const

/** Live / polling / offline, always the same width so the header never shifts. */
export function LiveIndicator() {
  const status = useLiveStatus()
  const label = labels[status]
  return (
    <span className={`live-indicator live-${status}`} role="status" title={label.title} data-status={status} data-testid="live-indicator">
      <span className="live-dot" aria-hidden="true" />
      <span className="live-text">
        <span className="visually-hidden">Updates: </span>
        {label.text}
      </span>
    </span>
  )
}
