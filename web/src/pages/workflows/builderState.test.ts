import { describe, expect, it } from 'vitest'
import type { Workflow } from '../../api'
import {
  changeStepType, draftErrors, draftOf, errorsAt, moveStep, newDraft, newStep, removeStep, toRequest, unplacedErrors,
} from './builderState'
import { describeMinutes, shownFields } from './kindFields'
import { stepKinds } from './stepKinds'
import { triggerKinds } from './triggerKinds'
import { unsubscribeLink } from './unsubscribeLink'

const saved = {
  id: 'w1', name: 'Welcome', active: true, version: 3,
  trigger: { type: 'score_crossed', threshold: 80, direction: 'down' },
  steps: [
    { type: 'email', subject: 'Hi', body: 'Hello', delayMinutes: null, title: null, dueInMinutes: null },
    { type: 'wait', subject: null, body: null, delayMinutes: 2880, title: null, dueInMinutes: null },
    { type: 'carrier_pigeon', when: 'score >= 80', goTo: 3 },
  ],
  enrollments: { active: 1, completed: 0, stopped: 0 }, createdAt: '', updatedAt: '',
} as unknown as Workflow

describe('step and trigger kinds', () => {
  it('give every kind a label, defaults for each required field, and a summary', () => {
    for (const kind of [...stepKinds, ...triggerKinds]) {
      expect(kind.label).not.toBe('')
      // A field hidden by the defaults (a wait's moment while it waits "for a while") needs no default.
      for (const field of shownFields(kind, kind.defaults).filter((f) => f.required)) {
        expect(kind.defaults[field.name], `${kind.type}.${field.name}`).toBeDefined()
      }
      expect(kind.summary(kind.defaults)).not.toBe('')
    }
    expect(stepKinds.map((k) => k.type)).toEqual(['email', 'sms', 'wait', 'task', 'goal', 'branch', 'set_stage', 'add_tag', 'remove_tag', 'assign', 'webhook'])
    expect(describeMinutes(2880)).toBe('2 days')
    expect(describeMinutes(90)).toBe('90 minutes')
  })
})

describe('builder state', () => {
  it('sends each step with only its kind’s fields, numbers as numbers', () => {
    const draft = newDraft()
    draft.name = ' Welcome '
    draft.steps = [newStep('wait'), newStep('email')]
    draft.steps[0].values.delayMinutes = '60' as unknown as number

    expect(toRequest(draft)).toEqual({
      name: 'Welcome',
      trigger: { type: 'lead_created' },
      steps: [{ type: 'wait', delayMinutes: 60 }, { type: 'email', subject: 'Hi {{lead.firstName|there}}', body: expect.any(String) }],
      reenrollment: 'never',
    })
  })

  it('reads a saved workflow back and keeps a step kind it does not know untouched', () => {
    const draft = draftOf(saved)

    expect(draft.trigger).toEqual({ type: 'score_crossed', values: { threshold: 80, direction: 'down' } })
    const request = toRequest(draft)
    expect(request.steps![1]).toEqual({ type: 'wait', delayMinutes: 2880 })
    expect(request.steps![2]).toEqual({ type: 'carrier_pigeon', when: 'score >= 80', goTo: 3 })
  })

  it('moves, removes and retypes steps', () => {
    const steps = [newStep('email'), newStep('wait'), newStep('goal')]
    expect(moveStep(steps, 2, -1).map((s) => s.type)).toEqual(['email', 'goal', 'wait'])
    expect(moveStep(steps, 0, -1)).toBe(steps)
    expect(removeStep(steps, 1).map((s) => s.type)).toEqual(['email', 'goal'])
    const task = changeStepType(steps[1], 'task')
    expect(task.key).toBe(steps[1].key)
    expect(task.values).toEqual({ title: 'Call {{lead.fullName|the lead}}', dueInMinutes: 60 })
  })

  it('keys its own errors as the API does, and places the API’s on the step field they name', () => {
    const draft = newDraft()
    draft.steps = [newStep('wait'), newStep('email')]
    draft.steps[1].values.subject = ' '
    expect(draftErrors(draft)).toEqual({ name: ['Give the workflow a name.'], 'steps[1].subject': ['Required.'] })

    const api = { 'steps[0].delayMinutes': ['Minutes to wait, from 1 to 527040.'], 'steps[7].body': ['gone'], 'trigger.type': ['Unknown'] }
    expect(errorsAt(api, 'steps[0]', 'delayMinutes')).toEqual(['Minutes to wait, from 1 to 527040.'])
    expect(unplacedErrors(api, draft)).toEqual(['steps[7].body: gone'])
  })
})

describe('unsubscribeLink', () => {
  it('takes the tenant and enrollment ids of a whole link and refuses a mangled one', () => {
    const tenant = '0190a8f1-2b3c-7d4e-8f90-a1b2c3d4e5f6'
    const enrollment = '0190a8f1-2b3c-7d4e-8f90-a1b2c3d4e5f7'
    expect(unsubscribeLink(`?tenant=${tenant}&enrollment=${enrollment}`)).toEqual({ tenant, enrollment })
    expect(unsubscribeLink(`?tenant=${tenant}&enrollment=${enrollment.slice(0, 20)}`)).toBeNull()
    expect(unsubscribeLink('')).toBeNull()
  })
})
