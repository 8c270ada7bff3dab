import { useState } from 'react'
import { describeError, insightsApi, type ServingView } from '../../api'
import { ConfirmDialog } from './ConfirmDialog'
import { servingText } from './insightsText'

type Pending = { kind: 'split'; percent: number } | { kind: 'kill'; on: boolean } | { kind: 'promote'; version: number } | { kind: 'rollback' }

/**
 * A/B control (owners and admins change it; team leads see it): the challenger's share, promote, roll back, and the
 * kill switch. Every change asks for a reason in a confirm dialog; the answer updates the panel at once.
 */
export function AbControlPanel({ serving, canChange, onChanged }: {
  serving: ServingView | undefined
  canChange: boolean
  onChanged: () => void
}) {
  const [percent, setPercent] = useState<string>('')
  const [pending, setPending] = useState<Pending | null>(null)
  const shown = percent === '' ? String(serving?.challengerPercent ?? 0) : percent
  const valid = /^\d+$/.test(shown) && Number(shown) <= 50

  const run = async (reason: string) => {
    if (!pending) return
    try {
      if (pending.kind === 'split') await insightsApi.setSplit(pending.percent, reason)
      else if (pending.kind === 'kill') await insightsApi.setKillSwitch(pending.on, reason)
      else if (pending.kind === 'promote') await insightsApi.promote(pending.version, reason, false)
      else await insightsApi.rollback(reason)
      setPending(null)
      setPercent('')
      onChanged()
    } catch (e) {
      throw new Error(describeError(e), { cause: e })
    }
  }

  return (
    <section className="card" aria-labelledby="ab-title" data-testid="ab-panel">
      <h2 id="ab-title" className="card-title">A/B control</h2>
      {!serving && <p role="status">Loading…</p>}
      {serving && <p data-testid="serving-text">{servingText(serving)}</p>}
      {!canChange && <p className="muted">Owners and admins change these settings; you see them as they are.</p>}
      {serving && (
        <div className="ab-controls">
          <label>
            Challenger share (0–50 %){' '}
            <input
              type="number" min={0} max={50} value={shown} disabled={!canChange || serving.challengerVersion == null}
              onChange={(e) => setPercent(e.target.value)} aria-invalid={!valid} style={{ width: '5rem' }}
            />
          </label>
          <button
            type="button" className="button" disabled={!canChange || !valid || Number(shown) === serving.challengerPercent}
            onClick={() => setPending({ kind: 'split', percent: Number(shown) })}
          >
            Apply split
          </button>
          {serving.challengerVersion != null && (
            <button type="button" className="button" disabled={!canChange}
              onClick={() => setPending({ kind: 'promote', version: serving.challengerVersion! })}>
              Promote v{serving.challengerVersion}
            </button>
          )}
          {serving.championVersion != null && (
            <button type="button" className="button" disabled={!canChange} onClick={() => setPending({ kind: 'rollback' })}>
              Roll back v{serving.championVersion}
            </button>
          )}
          <button
            type="button" className={serving.rulesOnly ? 'button button-primary' : 'button button-danger'} disabled={!canChange}
            onClick={() => setPending({ kind: 'kill', on: !serving.rulesOnly })}
          >
            {serving.rulesOnly ? 'Serve the models again' : 'Kill switch: score with rules'}
          </button>
        </div>
      )}
      {pending && (
        <ConfirmDialog
          title={dialogTitle(pending)}
          confirmLabel="Confirm"
          danger={pending.kind === 'kill' && pending.on}
          onCancel={() => setPending(null)}
          onConfirm={run}
        >
          <p>{dialogText(pending)}</p>
        </ConfirmDialog>
      )}
    </section>
  )
}

function dialogTitle(p: Pending): string {
  if (p.kind === 'split') return `Serve the challenger to ${p.percent} % of leads?`
  if (p.kind === 'kill') return p.on ? 'Switch every score to the rules?' : 'Serve the models again?'
  if (p.kind === 'promote') return `Promote v${p.version} to champion?`
  return 'Roll the champion back?'
}

function dialogText(p: Pending): string {
  if (p.kind === 'split') return 'Leads are split by a hash of their id, so a lead keeps its side. Scores change as leads are re-scored.'
  if (p.kind === 'kill') {
    return p.on
      ? 'From the next score on, every lead is scored by the rules; no model runs until you switch it back.'
      : 'From the next score on, the champion (and the challenger for its share) scores leads again.'
  }
  if (p.kind === 'promote') return 'Only when the pre-registered rule holds: the challenger must beat the champion on leads both scored.'
  return 'The champion steps down for the version it replaced, or for the rules when it replaced none.'
}
