import type { ScoringSource } from '../api/scoring'
import { formatRelative } from '../lib/format'

export const noModelYet = 'No model yet: scores come from rules.'

/**
 * One line saying where the brokerage's scores come from, so a list or dashboard without model scores explains
 * itself: a model's version, or the rules with the publish gate's reason. Nothing while it is loading.
 */
export function ModelNotice({ source, now }: { source: ScoringSource | null; now?: number }) {
  if (source === null) return null
  if (source.kind === 'model') {
    return (
      <p className="model-notice muted" data-testid="model-notice">
        Scores come from model v{source.version}, published {formatRelative(source.createdAt, now)}.
      </p>
    )
  }

  return (
    <p className="model-notice model-notice-rules" data-testid="model-notice" role="note">
      <strong>{noModelYet}</strong>
      {source.why && <span className="muted"> {source.why}</span>}
    </p>
  )
}
