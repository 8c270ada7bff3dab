import type { LeadScore } from '../api/types'

export const notScoredYet = 'Not scored yet — scoring runs within seconds of capture.'
export const notScoredObjected = 'Not scored: the person objected to profiling, so Beacon does not score or enrich this lead.'

/**
 * A lead's score card. A lead scoring has not reached yet (just captured or imported) gets an explicit empty state
 * rather than a blank; it fills in by itself when `lead.scored` arrives. A rules score says so: it is the scorecard,
 * not a model trained on the brokerage's history.
 */
/** What the card reads of a score. */
export type ScoreShown = Pick<LeadScore, 'status' | 'probability' | 'grade' | 'method' | 'modelVersion' | 'reasons'>

export function ScorePanel({ score }: { score: ScoreShown }) {
  if (score.status === 'pending' || score.status === 'objected') {
    return (
      <section className="card score-card" aria-labelledby="score">
        <h2 id="score" className="card-title">
          Score
        </h2>
        <p className="score-empty" data-testid={`score-${score.status}`}>
          {score.status === 'objected' ? notScoredObjected : notScoredYet}
        </p>
      </section>
    )
  }

  const probability = typeof score.probability === 'number' ? score.probability : null
  const reasons = Array.isArray(score.reasons) ? score.reasons.slice(0, 5) : []
  return (
    <section className="card score-card" aria-labelledby="score">
      <h2 id="score" className="card-title">
        Score
      </h2>
      <div className="score-figure">
        {score.grade && <span className={`grade grade-${String(score.grade).toLowerCase()}`}>{String(score.grade)}</span>}
        {probability !== null && (
          <span>
            <strong>{Math.round(probability * 100)}%</strong> <span className="muted">likely to close</span>
          </span>
        )}
      </div>
      {reasons.length > 0 && (
        <ul className="reasons">
          {reasons.map((r, i) => {
            const down = r.direction === 'down' || (r.weight ?? 0) < 0
            return (
              <li key={i} className={down ? 'reason-down' : 'reason-up'}>
                <span aria-hidden="true">{down ? '▼' : '▲'}</span>
                <span className="visually-hidden">{down ? 'Lowers the score: ' : 'Raises the score: '}</span> {r.text ?? r.feature}
              </li>
            )
          })}
        </ul>
      )}
      <p className="score-source muted" data-testid="score-source">
        {score.method === 'rules'
          ? 'Scored by rules: no model scored this lead (none published yet, or it could not answer).'
          : typeof score.modelVersion === 'number'
            ? `Scored by model v${score.modelVersion}.`
            : null}
      </p>
    </section>
  )
}
