import { Suspense, lazy, useState, type FormEvent, type ReactNode } from 'react'
import { conversionsApi, describeError, type ConversionReport, type Me, type ReportTable } from '../../api'
import { Alert } from '../../components/Alert'
import { leaderboardBars, money, percent, timeToConvertBars } from './conversionView'

// The chart library loads after the tables are already on screen (as the funnel's chart does).
const ReportBarChart = lazy(() => import('../../charts/ReportBarChart'))

interface Props {
  report: ConversionReport
  me: Me
  onCsv: (table: ReportTable) => void
  onSource: (source: string) => void
  onSpendSaved: () => void
}

/** The dashboard's tables: sources, leaderboard, timing, ROI (with the spend entry) and attribution. */
export function FigureTables({ report, me, onCsv, onSource, onSpendSaved }: Props) {
  const t = report.timeToConvert
  const s = report.speedToLead
  const leaders = leaderboardBars(report)
  const timing = timeToConvertBars(report)
  return (
    <div className="charts">
      <TableCard title="By source" table="sources" onCsv={onCsv} head={['Source', 'Leads', 'Converted', 'Rate']}>
        {report.bySource.map((b) => (
          <tr key={b.key}>
            <td>
              <button type="button" className="link-button" onClick={() => onSource(b.key)}>{b.name}</button>
            </td>
            <td>{b.leads}</td>
            <td>{b.converted}</td>
            <td>{percent(b.rate)}</td>
          </tr>
        ))}
      </TableCard>
      <TableCard title="Agent leaderboard" table="leaderboard" onCsv={onCsv} head={['Agent', 'Closed', 'Volume', 'Commission', 'Leads', 'Rate']}
        chart={<Chart bars={leaders} empty="No deals closed in this range." label="Leaderboard chart" />}>
        {report.leaderboard.map((l) => (
          <tr key={`${l.agentId}-${l.currency}`}>
            <td>{l.name}</td>
            <td>{l.closedDeals}</td>
            <td>{money(l.volumeCents, l.currency)}</td>
            <td>{money(l.commissionCents, l.currency)}</td>
            <td>{l.leads}</td>
            <td>{percent(l.rate)}</td>
          </tr>
        ))}
      </TableCard>
      <TableCard title="Time to convert" table="time-to-convert" onCsv={onCsv} head={['Converted', 'Median ≈', '75th pct. ≈', '90th pct. ≈']}
        chart={<Chart bars={timing} empty="No lead converted in this range." label="Time to convert chart" />}>
        <tr>
          <td>{t.converted}</td>
          <td>{days(t.medianDays)}</td>
          <td>{days(t.p75Days)}</td>
          <td>{days(t.p90Days)}</td>
        </tr>
      </TableCard>
      <TableCard title={`Speed to lead (median ${s.medianMinutes === null ? '—' : `≈ ${Math.round(s.medianMinutes)} min`})`} table="speed-to-lead" onCsv={onCsv}
        head={['First human touch', 'Leads']}>
        {s.buckets.map((b) => (
          <tr key={b.label}>
            <td>{b.label}</td>
            <td>{b.leads}</td>
          </tr>
        ))}
      </TableCard>
      <TableCard title="Source ROI" table="roi" onCsv={onCsv} head={['Source', 'Spend', 'Cost / lead', 'Commission', 'ROI']}
        footer={me.role === 'owner' || me.role === 'admin' ? <SpendForm onSaved={onSpendSaved} /> : null}>
        {report.roi.map((r) => (
          <tr key={r.source}>
            <td>{r.source}</td>
            <td>{money(r.spendCents)}</td>
            <td>{r.costPerLeadCents === null ? '—' : money(r.costPerLeadCents)}</td>
            <td>{money(r.commissionCents)}</td>
            <td>{percent(r.roi)}</td>
          </tr>
        ))}
      </TableCard>
      <TableCard title="Attribution" table="attribution" onCsv={onCsv} head={['Source', 'First touch', 'Last touch', 'Linear']}>
        {report.attribution.map((a) => (
          <tr key={a.source}>
            <td>{a.source}</td>
            <td>{a.first}</td>
            <td>{a.last}</td>
            <td>{a.linear.toFixed(2)}</td>
          </tr>
        ))}
      </TableCard>
    </div>
  )
}

function days(value: number | null): string {
  return value === null ? '—' : `${value.toFixed(1)} d`
}

/** A bar chart above a card's table, or the card's empty state. */
function Chart({ bars, empty, label }: { bars: { label: string; value: number; title: string }[]; empty: string; label: string }) {
  if (bars.length === 0) return <p className="chart-empty">{empty}</p>
  return (
    <div role="img" aria-label={`${label}: ${bars.map((b) => b.title).join('; ')}`}>
      <Suspense fallback={<div className="chart-placeholder" />}>
        <ReportBarChart data={bars} />
      </Suspense>
    </div>
  )
}

function TableCard({ title, table, onCsv, head, children, footer, chart }: {
  title: string
  table: ReportTable
  onCsv: (t: ReportTable) => void
  head: string[]
  children: ReactNode
  footer?: ReactNode
  chart?: ReactNode
}) {
  return (
    <section className="card" aria-label={title}>
      <div className="card-title-row">
        <h2 className="card-title">{title}</h2>
        <button type="button" className="button button-secondary button-small" onClick={() => onCsv(table)}>
          CSV
        </button>
      </div>
      {chart}
      <table className="table">
        <thead>
          <tr>{head.map((h) => <th key={h} scope="col">{h}</th>)}</tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
      {footer}
    </section>
  )
}

/** What a source cost in a month, for ROI (admins). */
function SpendForm({ onSaved }: { onSaved: () => void }) {
  const [error, setError] = useState<string | null>(null)
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    try {
      await conversionsApi.setSpend({
        source: String(form.get('source') ?? ''),
        month: String(form.get('month') ?? ''),
        amountCents: Math.round(Number(form.get('amount') ?? 0) * 100),
        currency: 'USD',
      })
      setError(null)
      onSaved()
    } catch (e) {
      setError(describeError(e))
    }
  }
  return (
    <form className="spend-form" onSubmit={(e) => void submit(e)} aria-label="Enter spend">
      <input name="source" placeholder="Source" required maxLength={100} />
      <input name="month" type="month" required />
      <input name="amount" type="number" min="0" step="0.01" placeholder="Spend ($)" required />
      <button type="submit" className="button button-small">Save spend</button>
      {error && <Alert tone="error">{error}</Alert>}
    </form>
  )
}
