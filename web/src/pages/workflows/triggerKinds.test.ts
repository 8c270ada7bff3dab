import { describe, expect, it } from 'vitest'
import type { Workflow } from '../../api'
import { draftErrors, draftOf, newDraft, toRequest, unplacedErrors } from './builderState'
import { reenrollmentOptions, triggerKind, triggerKinds } from './triggerKinds'

describe('trigger kinds', () => {
  it('offer every trigger the API knows, in the builder’s order', () => {
    expect(triggerKinds.map((k) => k.type)).toEqual([
      'lead_created', 'score_crossed', 'grade_changed', 'stage_changed', 'tag_added', 'enrichment_completed', 'lead_assigned', 'no_activity',
    ])
    expect(reenrollmentOptions.map((o) => o.value)).toEqual(['never', 'after_exit'])
  })

  it('send an optional field left at “any” as absent, so the server matches any value', () => {
    const draft = newDraft()
    draft.name = 'Any stage'
    draft.trigger = { type: 'stage_changed', values: { ...triggerKind('stage_changed')!.defaults } }
    expect(toRequest(draft).trigger).toEqual({ type: 'stage_changed' })

    draft.trigger.values.stage = 'showing'
    expect(toRequest(draft).trigger).toEqual({ type: 'stage_changed', stage: 'showing' })
    expect(triggerKind('stage_changed')!.summary(draft.trigger.values)).toBe('When the lead moves to Showing')
  })

  it('send the no-activity days as a number and refuse an empty tag before asking the server', () => {
    const draft = newDraft()
    draft.name = 'Quiet'
    draft.trigger = { type: 'no_activity', values: { days: '14' as unknown as number } }
    expect(toRequest(draft).trigger).toEqual({ type: 'no_activity', days: 14 })

    draft.trigger = { type: 'tag_added', values: { tag: ' ' } }
    expect(draftErrors(draft)).toEqual({ 'trigger.tag': ['Required.'] })
  })

  it('read a saved trigger and re-enrollment rule back, and place the server’s errors on their fields', () => {
    const saved = {
      id: 'w1', name: 'Hot', active: true, version: 1, reenrollment: 'after_exit',
      trigger: { type: 'lead_assigned', agentId: 'u1', threshold: null },
      steps: [{ type: 'goal' }], enrollments: { active: 0, completed: 0, stopped: 0 }, createdAt: '', updatedAt: '',
    } as unknown as Workflow
    const draft = draftOf(saved)

    expect(draft.trigger).toEqual({ type: 'lead_assigned', values: { agentId: 'u1' } })
    expect(toRequest(draft)).toMatchObject({ trigger: { type: 'lead_assigned', agentId: 'u1' }, reenrollment: 'after_exit' })
    expect(unplacedErrors({ 'trigger.agentId': ['No'], reenrollment: ['One of never, after_exit.'] }, draft)).toEqual([])
  })
})
