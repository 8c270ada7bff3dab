import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { scoringSource, type ModelShown } from '../api/scoring'
import { ModelNotice, noModelYet } from './ModelNotice'
import { ScorePanel, notScoredObjected, notScoredYet } from './ScorePanel'

const model = (version: number, status: string, gatePassed = true, gateReason = 'passes'): ModelShown => ({
  version,
  status,
  gatePassed,
  gateReason,
  createdAt: '2026-12-06T10:00:00Z',
})

describe('the score panel', () => {
  it('says a lead not scored yet is on its way instead of showing a blank', () => {
    const html = renderToStaticMarkup(<ScorePanel score={{ status: 'pending', probability: null, grade: null, method: null, modelVersion: null, reasons: [] }} />)

    expect(html).toContain(notScoredYet)
    expect(html).not.toContain('likely to close')
  })

  it('says a lead whose person objected to profiling is not scored, and not that a score is on its way', () => {
    const html = renderToStaticMarkup(<ScorePanel score={{ status: 'objected', probability: null, grade: null, method: null, modelVersion: null, reasons: [] }} />)

    expect(html).toContain(notScoredObjected)
    expect(html).not.toContain(notScoredYet)
  })

  it('shows a scored lead with its grade, probability and model version', () => {
    const html = renderToStaticMarkup(
      <ScorePanel score={{ status: 'scored', probability: 0.31, grade: 'A', method: 'model', modelVersion: 3, reasons: [] }} />,
    )

    expect(html).toContain('31%')
    expect(html).toContain('Scored by model v3.')
    expect(html).not.toContain(notScoredYet)
  })

  it('says a rules score came from rules, not a model', () => {
    const html = renderToStaticMarkup(
      <ScorePanel score={{ status: 'scored', probability: 0.08, grade: 'C', method: 'rules', modelVersion: null, reasons: [] }} />,
    )

    expect(html).toContain('Scored by rules')
  })
})

describe('the model notice', () => {
  it('says scores come from rules when no model has passed the publish gate, with the reason', () => {
    const why = 'Too little history: 3 converted and 10 lost leads; at least 40 + 40 are needed.'
    const source = scoringSource([model(1, 'rejected', false, why)])

    const html = renderToStaticMarkup(<ModelNotice source={source} />)

    expect(source).toEqual({ kind: 'rules', why })
    expect(html).toContain(noModelYet)
    expect(html).toContain('at least 40 + 40')
  })

  it('says scores come from rules for a brokerage with no model at all', () => {
    expect(renderToStaticMarkup(<ModelNotice source={scoringSource([])} />)).toContain(noModelYet)
  })

  it('names the champion when there is one, whatever else is registered', () => {
    const source = scoringSource([model(3, 'challenger'), model(2, 'champion'), model(1, 'rejected', false)])

    const html = renderToStaticMarkup(<ModelNotice source={source} now={Date.parse('2026-12-06T12:00:00Z')} />)

    expect(html).toContain('Scores come from model v2, published 2 h ago.')
    expect(html).not.toContain(noModelYet)
  })

  it('shows nothing while the answer is on its way', () => {
    expect(renderToStaticMarkup(<ModelNotice source={null} />)).toBe('')
  })
})
