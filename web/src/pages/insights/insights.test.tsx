import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import type { ServingView, WeeklyDrift } from '../../api'
import { AbControlPanel } from './AbControlPanel'
import { aucText, calibrationRows, driftSeries, noModelText, servingText, waitingText } from './insightsText'

const serving: ServingView = {
  championVersion: 3, challengerVersion: 4, challengerPercent: 20, defaultChallengerPercent: 0, fromConfiguration: false,
  rulesOnly: false, rulesOnlyReason: null, servedBy: 'model', updatedAt: null, updatedBy: null,
}

describe('insights wording', () => {
  it('says how the split serves leads, and that the kill switch overrides it', () => {
    expect(servingText(serving)).toBe('Champion v3 serves 80 % of leads; challenger v4 serves 20 % of leads.')
    expect(servingText({ ...serving, rulesOnly: true, rulesOnlyReason: 'odd scores' }))
      .toBe('Kill switch on: every lead is scored by the rules (odd scores).')
    expect(servingText({ ...serving, championVersion: null, challengerVersion: null })).toBe('No champion yet: the rules score every lead.')
  })

  it('words the AUC with its interval clipped to 0–1', () => {
    expect(aucText(0.8889, 0.5809, 1.1969)).toBe(
      'ROC AUC 0.89 (95 % interval 0.58–1.00): of two leads, one converted and one not, the model ranks the converted one higher 89 % of the time.',
    )
  })

  it('turns calibration bands into table rows with counts', () => {
    expect(calibrationRows([{ from: 0.7, to: 0.8, leads: 41, meanScore: 0.74, converted: 0.73, text: 'of 41 leads scored 70–80 %, 73 % converted' }]))
      .toEqual([{ band: '70–80 %', leads: 41, scored: '74 %', converted: '73 %', text: 'of 41 leads scored 70–80 %, 73 % converted' }])
  })

  it('says how long a hot lead has waited, and whether anyone ever reached out', () => {
    const now = Date.parse('2026-12-06T12:00:00Z')
    expect(waitingText({ lastTouchAt: null, waitingSince: '2026-12-06T11:45:00Z' }, now)).toBe('never contacted, waiting 15 min')
    expect(waitingText({ lastTouchAt: '2026-12-03T12:00:00Z', waitingSince: '2026-12-03T12:00:00Z' }, now)).toBe('last touched 3 days ago')
  })

  it('charts the score PSI and the most drifted input per week', () => {
    const drift = {
      version: 3, threshold: 0.2,
      weeks: [{ week: '2026-11-23', leads: 10, scorePsi: 0.05, featurePsi: { source: 0.3, web_visits: 0.1 } }],
    } as WeeklyDrift
    expect(driftSeries(drift)).toEqual({ weeks: ['2026-11-23'], score: [0.05], worst: [0.3], worstNames: ['source'] })
  })

  it('promises rules until there is enough history', () => {
    expect(noModelText()).toContain('rules are scoring your leads until there are 40 converted and 40 lost leads')
    expect(noModelText({ positives: 31, gatePassed: false })).toContain('until there are 40 converted (9 more to go) and 40 lost')
  })
})

describe('the A/B panel', () => {
  it('shows a team lead the settings with every control disabled', () => {
    const html = renderToStaticMarkup(<AbControlPanel serving={serving} canChange={false} onChanged={() => {}} />)

    expect(html).toContain('Owners and admins change these settings')
    expect(html.match(/<button[^>]*disabled=""/g)?.length).toBe(html.match(/<button/g)?.length)
  })

  it('offers an admin the kill switch, promote and roll back', () => {
    const html = renderToStaticMarkup(<AbControlPanel serving={serving} canChange onChanged={() => {}} />)

    expect(html).toContain('Kill switch: score with rules')
    expect(html).toContain('Promote v4')
    expect(html).toContain('Roll back v3')
  })
})
