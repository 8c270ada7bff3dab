import { describe, expect, it } from 'vitest'
import { draftErrors, newDraft, newStep, toRequest } from './builderState'
import { shownFields } from './kindFields'
import { stepTargets } from './KindFieldInput'
import { branchFields } from './leadStepKinds'
import { stepKind } from './stepKinds'

describe('branch step', () => {
  it('sends its jumps as 0-based step indexes and leaves out the ones that mean "the next step"', () => {
    const draft = newDraft()
    draft.name = 'Hot or not'
    draft.steps = [newStep('branch'), newStep('email'), newStep('set_stage')]
    draft.steps[0].values = { field: 'score', operator: 'gte', value: '70', thenStep: 2, elseStep: null }

    expect(toRequest(draft).steps![0]).toEqual({ type: 'branch', field: 'score', operator: 'gte', value: '70', thenStep: 2 })
    expect(stepKind('branch')!.summary(draft.steps[0].values)).toBe('If score (0–100) ≥ 70 → step 3, else next step')
  })

  it('asks no value of an enrichment test, and sends none', () => {
    const values = { field: 'enriched', operator: 'yes', value: '' }
    expect(shownFields(stepKind('branch'), values).map((f) => f.name)).toEqual(['field', 'operator', 'thenStep', 'elseStep'])
    const draft = newDraft()
    draft.name = 'Enriched?'
    draft.steps = [{ ...newStep('branch'), values }]
    expect(draftErrors(draft)).toEqual({})
    expect(toRequest(draft).steps![0]).toEqual({ type: 'branch', field: 'enriched', operator: 'yes' })
  })

  it('takes the first operator of a newly chosen field, so a score’s ≥ never sticks to a tag', () => {
    const field = stepKind('branch')!.fields.find((f) => f.name === 'field')!
    expect(field.afterChange!({ field: 'tag', operator: 'gte', value: 'vip' })).toEqual({ field: 'tag', operator: 'present', value: 'vip' })
    expect(Object.keys(branchFields)).toEqual(['stage', 'type', 'source', 'city', 'state', 'tag', 'score', 'grade', 'enriched', 'activity'])
  })

  it('offers only later steps as targets, and still shows a chosen one that moved before it', () => {
    expect(stepTargets(1, 4, null)).toEqual([
      { value: '', label: 'The next step' },
      { value: '2', label: 'Step 3' },
      { value: '3', label: 'Step 4' },
    ])
    expect(stepTargets(2, 4, 0).at(-1)).toEqual({ value: '0', label: 'Step 1 (not after this one)' })
  })
})

describe('wait modes', () => {
  it('shows and sends the field of the chosen mode only', () => {
    const draft = newDraft()
    draft.name = 'Later'
    draft.steps = [newStep('wait'), newStep('wait'), newStep('wait')]
    draft.steps[1].values = { mode: 'until', delayMinutes: 1440, until: '2027-03-01T15:00:00.000Z' }
    draft.steps[2].values = { mode: 'until_business_hours', delayMinutes: 1440 }

    expect(toRequest(draft).steps).toEqual([
      { type: 'wait', delayMinutes: 1440 },
      { type: 'wait', mode: 'until', until: '2027-03-01T15:00:00.000Z' },
      { type: 'wait', mode: 'until_business_hours' },
    ])
  })

  it('requires the moment of a wait until, keyed as the API keys it', () => {
    const draft = newDraft()
    draft.name = 'Later'
    draft.steps = [{ ...newStep('wait'), values: { mode: 'until', delayMinutes: 1440, until: null } }]
    expect(draftErrors(draft)).toEqual({ 'steps[0].until': ['Required.'] })
  })
})

describe('lead steps and webhook', () => {
  it('send what the API reads, round robin as no agent', () => {
    const draft = newDraft()
    draft.name = 'Route'
    draft.steps = [newStep('set_stage'), newStep('add_tag'), newStep('assign'), newStep('webhook')]
    draft.steps[1].values.tag = 'drip'
    draft.steps[3].values = { url: 'https://crm.example.com/hook', secret: 'a-long-enough-secret' }

    expect(toRequest(draft).steps).toEqual([
      { type: 'set_stage', stage: 'nurture' },
      { type: 'add_tag', tag: 'drip' },
      { type: 'assign' },
      { type: 'webhook', url: 'https://crm.example.com/hook', secret: 'a-long-enough-secret' },
    ])
    expect(stepKind('assign')!.summary({})).toBe('Assign by round robin')
    expect(stepKind('webhook')!.summary(draft.steps[3].values)).toBe('Webhook to crm.example.com')
  })
})
