import { Suspense, lazy } from 'react'
import type { ScoreDistribution } from '../../api'
import { formatCount } from '../../lib/format'

const BarChart = lazy(() => import('../../charts/BarChart'))

/** How the caller's open leads score: ten 10-point bands and the four grades. */
export function DistributionPanel({ distribution }: { distribution: ScoreDistribution | undefined }) {
  const bars = distribution?.buckets.map((b) => ({ label: `${b.from}–${b.to}`, value: b.count, title: `Scored ${b.from}–${b.to} %` }))
  return (
    <section className="card chart-card" aria-labelledby="distribution-title">
      <h2 id="distribution-title" className="card-title">Score distribution</h2>
      {distribution && (
        <p className="muted" data-testid="distribution-summary">
          {formatCount(distribution.leads)} open leads: {formatCount(distribution.byModel)} scored by the model,{' '}
          {formatCount(distribution.byRules)} by the rules. Grades{' '}
          {distribution.grades.map((g) => `${g.grade} ${formatCount(g.count)}`).join(' · ')}.
        </p>
      )}
      <div className="chart-box">
        {bars ? (
          <Suspense fallback={<div className="chart-placeholder" />}>
            <BarChart data={bars} />
          </Suspense>
        ) : (
          <div className="chart-placeholder" role="status" aria-label="Loading the distribution" />
        )}
      </div>
    </section>
  )
}
