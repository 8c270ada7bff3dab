import type { CalibrationBand, HotLead, ServingView, WeeklyDrift } from '../../api'

/**
 * "rules are scoring your leads until N conversions": what the empty state promises, from the publish gate's floor
 * (40 + 40 by default), with how many more conversions the newest refused model lacked when it says so.
 */
export function noModelText(latest?: { positives: number; gatePassed: boolean }, minConverted = 40, minLost = 40): string {
  const more = latest && !latest.gatePassed && latest.positives < minConverted ? ` (${minConverted - latest.positives} more to go)` : ''
  return `No model yet: rules are scoring your leads until there are ${minConverted} converted${more} and ${minLost} lost leads to learn from.`
}

/** AUC and its 95 % interval as a manager reads it (the stored DeLong bounds clipped to [0, 1]). */
export function aucText(auc: number, lower: number, upper: number): string {
  const pct = (v: number) => Math.round(Math.min(1, Math.max(0, v)) * 100)
  return `ROC AUC ${auc.toFixed(2)} (95 % interval ${(Math.max(0, lower)).toFixed(2)}–${Math.min(1, upper).toFixed(2)}): ` +
    `of two leads, one converted and one not, the model ranks the converted one higher ${pct(auc)} % of the time.`
}

/** "of 41 leads scored 70–80 %, 73 % converted" — the server's words, with the band's count first for the table. */
export function calibrationRows(bands: CalibrationBand[]): { band: string; leads: number; scored: string; converted: string; text: string }[] {
  return bands.map((b) => ({
    band: `${Math.round(b.from * 100)}–${Math.round(b.to * 100)} %`,
    leads: b.leads,
    scored: `${Math.round(b.meanScore * 100)} %`,
    converted: `${Math.round(b.converted * 100)} %`,
    text: b.text,
  }))
}

/** How long a hot lead has waited, in words ("waiting 3 h", "2 days without a touch"). */
export function waitingText(lead: Pick<HotLead, 'lastTouchAt' | 'waitingSince'>, now: number): string {
  const hours = Math.max(0, (now - Date.parse(lead.waitingSince)) / 3_600_000)
  const span = hours < 1 ? `${Math.max(1, Math.round(hours * 60))} min` : hours < 48 ? `${Math.round(hours)} h` : `${Math.round(hours / 24)} days`
  return lead.lastTouchAt ? `last touched ${span} ago` : `never contacted, waiting ${span}`
}

/** One line on what serves right now, for the A/B panel. */
export function servingText(view: ServingView): string {
  if (view.rulesOnly) return `Kill switch on: every lead is scored by the rules${view.rulesOnlyReason ? ` (${view.rulesOnlyReason})` : ''}.`
  if (view.championVersion == null) return 'No champion yet: the rules score every lead.'
  const split = view.challengerVersion != null && view.challengerPercent > 0
    ? `; challenger v${view.challengerVersion} serves ${view.challengerPercent} % of leads`
    : ''
  return `Champion v${view.championVersion} serves ${100 - (split ? view.challengerPercent : 0)} % of leads${split}.`
}

/** The weeks of the drift chart: score PSI and the worst feature's PSI per week, with that feature's name. */
export function driftSeries(drift: WeeklyDrift): { weeks: string[]; score: (number | null)[]; worst: (number | null)[]; worstNames: string[] } {
  const weeks = drift.weeks.map((w) => w.week)
  const score = drift.weeks.map((w) => (w.scorePsi == null ? null : Number(w.scorePsi)))
  const worstEntries = drift.weeks.map((w) => Object.entries(w.featurePsi).map(([k, v]) => [k, Number(v)] as const).sort((a, b) => b[1] - a[1])[0])
  return { weeks, score, worst: worstEntries.map((e) => e?.[1] ?? null), worstNames: worstEntries.map((e) => e?.[0] ?? '—') }
}
