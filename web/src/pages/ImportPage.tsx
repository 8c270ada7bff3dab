import { useEffect, useRef, useState, type DragEvent } from 'react'
import { ApiError, describeError, leadsApi, type ImportStatus, type ImportSummary, type Me } from '../api'
import { Alert } from '../components/Alert'
import { PageHeading } from '../components/PageHeading'
import { formatCount, newKey } from '../lib/format'
import { useLiveEvents } from '../live'
import { Link } from '../router'
import { parseHeader } from './importHeader'

/** Lead fields a column can feed (the server's names), in the order a person thinks of them. */
const fieldOptions: { value: string; label: string }[] = [
  { value: 'fullName', label: 'Full name' },
  { value: 'firstName', label: 'First name' },
  { value: 'lastName', label: 'Last name' },
  { value: 'email', label: 'Email' },
  { value: 'phone', label: 'Phone' },
  { value: 'source', label: 'Source' },
  { value: 'sourceDetail', label: 'Source detail / campaign' },
  { value: 'type', label: 'Type (buyer, seller…)' },
  { value: 'stage', label: 'Stage' },
  { value: 'priceMin', label: 'Budget from' },
  { value: 'priceMax', label: 'Budget up to' },
  { value: 'zipCodes', label: 'ZIP codes' },
  { value: 'areas', label: 'Areas' },
  { value: 'timeline', label: 'Timeline' },
  { value: 'financing', label: 'Financing' },
  { value: 'propertyAddress.street', label: 'Property street' },
  { value: 'propertyAddress.city', label: 'Property city' },
  { value: 'propertyAddress.state', label: 'Property state' },
  { value: 'propertyAddress.zip', label: 'Property ZIP' },
  { value: 'externalId', label: 'External id' },
  { value: 'tags', label: 'Tags' },
  { value: 'message', label: 'Message / notes' },
  { value: 'timeZone', label: 'Time zone' },
]

type Step = 'choose' | 'review' | 'importing' | 'done'

interface Progress {
  percent: number
  rows: number
  via: 'live' | 'polling'
}

export function ImportPage({ me }: { me: Me }) {
  const [step, setStep] = useState<Step>('choose')
  const [file, setFile] = useState<File | null>(null)
  const [header, setHeader] = useState<string[]>([])
  const [mapping, setMapping] = useState<Record<string, string>>({})
  const [source, setSource] = useState('import')
  const [report, setReport] = useState<ImportSummary | null>(null)
  const [checking, setChecking] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [progress, setProgress] = useState<Progress | null>(null)
  const [result, setResult] = useState<ImportSummary | ImportStatus | null>(null)
  const [importId, setImportId] = useState<string | null>(null)
  const [undone, setUndone] = useState(false)
  const [dragging, setDragging] = useState(false)
  const importIdRef = useRef<string | null>(null)
  const stepHeading = useRef<HTMLHeadingElement>(null)
  const canUndo = me.role === 'owner' || me.role === 'admin'

  useEffect(() => {
    stepHeading.current?.focus()
  }, [step])

  useLiveEvents((event) => {
    if (event.type !== 'lead.import_progress' || !importIdRef.current || event.data.importId !== importIdRef.current) return
    const percent = Number(event.data.percent ?? 0)
    const rows = Number(event.data.rowsProcessed ?? 0)
    setProgress((p) => (p && p.percent > percent ? p : { percent, rows, via: 'live' }))
  })

  const dryRun = async (chosen: File, overrides: Record<string, string>) => {
    setChecking(true)
    setError(null)
    try {
      const summary = await leadsApi.importFile(chosen, { dryRun: true, mapping: overrides, source: source.trim() || undefined })
      setReport(summary)
      const detected: Record<string, string> = {}
      for (const [column, field] of Object.entries(summary.mapping ?? {})) detected[column] = field ?? 'ignore'
      setMapping((m) => ({ ...detected, ...m }))
    } catch (e) {
      setReport(null)
      if (e instanceof ApiError && e.problem.errors) {
        setError(Object.values(e.fieldErrors).flat().join(' '))
      } else {
        setError(describeError(e))
      }
    } finally {
      setChecking(false)
      setStep('review')
    }
  }

  const choose = async (chosen: File | undefined) => {
    if (!chosen) return
    setFile(chosen)
    setMapping({})
    setHeader(parseHeader(await chosen.slice(0, 64 * 1024).text()))
    await dryRun(chosen, {})
  }

  /** Only the columns the user changed from what the server detected are sent as overrides. */
  const overrides = () => {
    const detected = report?.mapping ?? {}
    const result: Record<string, string> = {}
    for (const [column, field] of Object.entries(mapping)) {
      if ((detected[column] ?? 'ignore') !== field) result[column] = field
    }
    return result
  }

  const runImport = async () => {
    if (!file) return
    const key = newKey()
    setStep('importing')
    setProgress({ percent: 0, rows: 0, via: 'polling' })
    setError(null)
    let finished = false
    // While the upload runs, find the import by its key and poll its status (live events update it sooner).
    const poll = async () => {
      while (!finished) {
        await new Promise((r) => setTimeout(r, 1000))
        if (finished) break
        try {
          const status = importIdRef.current
            ? await leadsApi.importStatus(importIdRef.current)
            : (await leadsApi.importsByKey(key))[0]
          if (status && !finished) {
            importIdRef.current = status.id
            setImportId(status.id)
            setProgress((p) => (p && p.percent > status.percent ? p : { percent: status.percent, rows: status.rowsCommitted, via: p?.via ?? 'polling' }))
          }
        } catch {
          // The next tick tries again.
        }
      }
    }
    void poll()
    try {
      const summary = await leadsApi.importFile(file, { dryRun: false, mapping: overrides(), source: source.trim() || undefined, idempotencyKey: key })
      importIdRef.current = summary.id
      setImportId(summary.id)
      // A large file is answered 202 (status running) and imported in the background: follow it to its end.
      const final = summary.status === 'running' && summary.id ? await followImport(summary.id) : summary
      finished = true
      setResult(final)
      setProgress({ percent: 100, rows: 'rows' in final ? final.rows : final.rowsCommitted, via: 'polling' })
      setStep('done')
    } catch (e) {
      finished = true
      setError(`${describeError(e)} Uploading the same file again resumes where it stopped.`)
      setStep('review')
    }
  }

  /** Polls a background import until it leaves `running`; anything but `completed` is an error worth a retry. */
  const followImport = async (id: string): Promise<ImportStatus> => {
    for (;;) {
      await new Promise((r) => setTimeout(r, 1000))
      let status: ImportStatus
      try {
        status = await leadsApi.importStatus(id)
      } catch {
        continue
      }
      if (status.status === 'completed') return status
      if (status.status !== 'running') throw new Error(status.error ?? `The import stopped (${status.status}).`)
    }
  }

  const downloadErrors = async () => {
    if (!importId) return
    try {
      const blob = await leadsApi.importErrors(importId)
      const url = URL.createObjectURL(blob)
      const a = document.createElement('a')
      a.href = url
      a.download = `import-errors-${importId.slice(0, 8)}.csv`
      document.body.appendChild(a)
      a.click()
      a.remove()
      setTimeout(() => URL.revokeObjectURL(url), 10_000)
    } catch (e) {
      setError(describeError(e))
    }
  }

  const undo = async () => {
    if (!importId || !window.confirm('Remove every lead this import created? Leads it merged into keep their data.')) return
    try {
      setResult(await leadsApi.undoImport(importId))
      setUndone(true)
    } catch (e) {
      setError(describeError(e))
    }
  }

  const restart = () => {
    setStep('choose')
    setFile(null)
    setReport(null)
    setResult(null)
    setProgress(null)
    setImportId(null)
    importIdRef.current = null
    setUndone(false)
    setError(null)
  }

  const onDrop = (event: DragEvent) => {
    event.preventDefault()
    setDragging(false)
    void choose(event.dataTransfer.files[0])
  }

  const columns = header.length ? header : Object.keys(report?.mapping ?? {})

  return (
    <div className="page import-page">
      <Link to="/leads" className="back-link">
        <span aria-hidden="true">←</span> All leads
      </Link>
      <PageHeading>Import leads from a CSV file</PageHeading>

      <ol className="steps" aria-label="Steps">
        {(['choose', 'review', 'importing', 'done'] as Step[]).map((s, i) => (
          <li key={s} className={s === step ? 'step current' : 'step'} aria-current={s === step ? 'step' : undefined}>
            <span className="step-number">{i + 1}</span>
            {['Choose a file', 'Check the mapping', 'Import', 'Done'][i]}
          </li>
        ))}
      </ol>

      {error && <Alert tone="error">{error}</Alert>}

      {step === 'choose' && (
        <section className="card" aria-labelledby="step-title">
          <h2 id="step-title" ref={stepHeading} tabIndex={-1} className="card-title">
            Choose a CSV file
          </h2>
          <label
            className={dragging ? 'dropzone dragging' : 'dropzone'}
            onDragOver={(e) => {
              e.preventDefault()
              setDragging(true)
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={onDrop}
          >
            <input type="file" accept=".csv,text/csv" className="visually-hidden" onChange={(e) => void choose(e.target.files?.[0])} disabled={checking} />
            <span className="dropzone-title">{checking ? 'Checking your file…' : 'Drop a CSV here, or press to choose one'}</span>
            <span className="muted">UTF-8 CSV with a header row. Beacon recognises common column names (Name, E-mail, Cell, Budget…).</span>
          </label>
          <div className="field import-source">
            <label htmlFor="import-source">Source for rows without one</label>
            <div className="field-control">
              <input id="import-source" value={source} onChange={(e) => setSource(e.target.value)} />
            </div>
          </div>
        </section>
      )}

      {step === 'review' && (
        <section className="card" aria-labelledby="step-title">
          <h2 id="step-title" ref={stepHeading} tabIndex={-1} className="card-title">
            Check the mapping — {file?.name}
          </h2>
          {report && (
            <div className="report" aria-live="polite">
              <Stat label="New leads" value={report.created} tone="good" />
              <Stat label="Merged into existing" value={report.merged} />
              <Stat label="Rejected rows" value={report.rejected} tone={report.rejected ? 'bad' : undefined} />
            </div>
          )}
          <div className="mapping-table" role="table" aria-label="Column mapping">
            <div role="row" className="mapping-row mapping-head">
              <span role="columnheader">Column in your file</span>
              <span role="columnheader">Goes to</span>
            </div>
            {columns.map((column) => (
              <div role="row" className="mapping-row" key={column}>
                <span role="cell" className="mapping-column">
                  {column || <em>(no name)</em>}
                </span>
                <span role="cell">
                  <select
                    aria-label={`Field for column ${column}`}
                    value={mapping[column] ?? 'ignore'}
                    onChange={(e) => setMapping((m) => ({ ...m, [column]: e.target.value }))}
                  >
                    {fieldOptions.map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                    <option value={`custom:${column}`}>Keep as custom field</option>
                    <option value="ignore">Ignore this column</option>
                  </select>
                </span>
              </div>
            ))}
          </div>
          {report && report.errors.length > 0 && (
            <details className="error-sample">
              <summary>
                First {Math.min(report.errors.length, 20)} rejected row{report.errors.length === 1 ? '' : 's'}
              </summary>
              <ul>
                {report.errors.slice(0, 20).map((e) => (
                  <li key={`${e.rowNo}-${e.field}`}>
                    Row {e.rowNo}, <strong>{e.field}</strong>: {e.reason}
                  </li>
                ))}
              </ul>
            </details>
          )}
          <div className="button-row">
            <button type="button" className="button button-primary" onClick={() => void runImport()} disabled={checking || !report}>
              Import {report ? formatCount(report.created + report.merged) : ''} leads
            </button>
            <button type="button" className="button button-secondary" onClick={() => file && void dryRun(file, overrides())} disabled={checking}>
              {checking ? 'Checking…' : 'Check again with this mapping'}
            </button>
            <button type="button" className="button button-link" onClick={restart}>
              Choose another file
            </button>
          </div>
        </section>
      )}

      {(step === 'importing' || step === 'done') && (
        <section className="card" aria-labelledby="step-title">
          <h2 id="step-title" ref={stepHeading} tabIndex={-1} className="card-title">
            {step === 'importing' ? `Importing ${file?.name ?? ''}…` : undone ? 'Import undone' : 'Import finished'}
          </h2>
          <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={progress?.percent ?? 0} aria-label="Import progress">
            <div className="progress-bar" style={{ width: `${progress?.percent ?? 0}%` }} />
          </div>
          <p className="muted progress-text">
            {progress?.percent ?? 0}% · {formatCount(progress?.rows ?? 0)} rows
            {step === 'importing' && progress?.via === 'live' ? ' · live' : ''}
          </p>
          {step === 'done' && result && (
            <>
              <div className="report">
                <Stat label="New leads" value={undone ? 0 : result.created} tone="good" />
                <Stat label="Merged into existing" value={result.merged} />
                <Stat label="Rejected rows" value={result.rejected} tone={result.rejected ? 'bad' : undefined} />
              </div>
              <div className="button-row">
                <Link to="/leads" className="button button-primary">
                  See the leads
                </Link>
                {result.rejected > 0 && (
                  <button type="button" className="button button-secondary" onClick={() => void downloadErrors()}>
                    Download rejected rows (CSV)
                  </button>
                )}
                {canUndo && !undone && (
                  <button type="button" className="button button-danger" onClick={() => void undo()}>
                    Undo this import
                  </button>
                )}
                <button type="button" className="button button-link" onClick={restart}>
                  Import another file
                </button>
              </div>
            </>
          )}
        </section>
      )}
    </div>
  )
}

function Stat({ label, value, tone }: { label: string; value: number; tone?: 'good' | 'bad' }) {
  return (
    <div className={tone ? `stat stat-${tone}` : 'stat'}>
      <span className="stat-value">{formatCount(value)}</span>
      <span className="stat-label">{label}</span>
    </div>
  )
}
