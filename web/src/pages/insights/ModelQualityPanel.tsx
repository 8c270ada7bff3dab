import { Suspense, lazy } from 'react'
import type { ModelCalibration, ModelMetrics, WeeklyDrift } from '../../api'
import { aucText, calibrationRows, driftSeries } from './insightsText'

const LineChart = lazy(() => import('../../charts/LineChart'))

interface Holdout {
  holdout?: { rocAuc: number; count: number; baseRate: number }
  rocAucLower95?: number
  rocAucUpper95?: number
}

/** The champion's quality: AUC with its interval, calibration per band (table and chart), drift per week. */
export function ModelQualityPanel({ metrics, calibration, drift }: {
  metrics: ModelMetrics | undefined
  calibration: ModelCalibration | undefined
  drift: WeeklyDrift | undefined
}) {
  const holdout = metrics?.holdout as Holdout | undefined
  const live = calibration?.live ?? []
  const rows = calibrationRows(live)
  const series = drift ? driftSeries(drift) : null
  return (
    <section className="card" aria-labelledby="quality-title">
      <h2 id="quality-title" className="card-title">Model quality{metrics ? ` — v${metrics.version}` : ''}</h2>
      {holdout?.holdout && holdout.rocAucLower95 != null && holdout.rocAucUpper95 != null && (
        <p data-testid="auc">
          {aucText(holdout.holdout.rocAuc, holdout.rocAucLower95, holdout.rocAucUpper95)}{' '}
          <span className="muted">Measured at training on the latest {holdout.holdout.count} matured leads it never saw (DeLong interval).</span>
        </p>
      )}
      {calibration && (
        <p className="muted">
          Since it went live: {calibration.matured} leads scored by it have converted or been lost
          {calibration.liveRocAuc != null ? `; ROC AUC on them ${Number(calibration.liveRocAuc).toFixed(2)}` : ''}.
        </p>
      )}
      <h3>Calibration: do scores come true?</h3>
      {rows.length === 0 ? (
        <>
          <p className="muted">No live outcomes yet. At training, on the hold-out:</p>
          <ul className="calibration-words">{calibration?.holdoutWords.map((w) => <li key={w}>{w}</li>)}</ul>
        </>
      ) : (
        <>
          <table className="table calibration-table">
            <thead>
              <tr><th>Scored</th><th>Leads</th><th>Average score</th><th>Converted</th></tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.band} title={r.text}><td>{r.band}</td><td>{r.leads}</td><td>{r.scored}</td><td>{r.converted}</td></tr>
              ))}
            </tbody>
          </table>
          <ul className="calibration-words">{rows.map((r) => <li key={r.band}>{r.text}</li>)}</ul>
          <div className="chart-box">
            <Suspense fallback={<div className="chart-placeholder" />}>
              <LineChart
                percent
                categories={rows.map((r) => r.band)}
                series={[
                  { name: 'Average score', values: live.map((b) => Number(b.meanScore)), color: '#8aa4c0', dashed: true },
                  { name: 'Converted', values: live.map((b) => Number(b.converted)), color: '#1b8a6b' },
                ]}
              />
            </Suspense>
          </div>
        </>
      )}
      <h3>Drift: are new leads like the ones it learned from?</h3>
      {series && series.weeks.length > 0 ? (
        <div className="chart-box">
          <Suspense fallback={<div className="chart-placeholder" />}>
            <LineChart
              categories={series.weeks}
              threshold={{ value: Number(drift!.threshold), label: 'drift' }}
              series={[
                { name: 'Score PSI', values: series.score, color: '#2f74c0' },
                { name: `Most drifted input (${[...new Set(series.worstNames)].slice(0, 2).join(', ')})`, values: series.worst, color: '#b4541a' },
              ]}
            />
          </Suspense>
        </div>
      ) : (
        <p className="muted">No leads scored by this version in the last 12 weeks.</p>
      )}
    </section>
  )
}
