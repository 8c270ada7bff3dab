import { humanize } from '../api'

/** A lead's stage as a coloured pill; the colour groups stages (open, active, won, lost). */
export function StageBadge({ stage }: { stage: string }) {
  return <span className={`stage-badge stage-${stage}`}>{humanize(stage)}</span>
}
