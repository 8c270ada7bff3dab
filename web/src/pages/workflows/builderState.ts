import type { SaveWorkflow, Workflow } from '../../api'
import { shownFields, type Kind, type KindValues } from './kindFields'
import { stepKind, stepKinds } from './stepKinds'
import { triggerKind, triggerKinds } from './triggerKinds'

/** A step being edited: its kind, its values, and a key that survives moving it (React keys, focus). */
export interface StepDraft {
  key: string
  type: string
  values: KindValues
}

export interface WorkflowDraft {
  name: string
  trigger: { type: string; values: KindValues }
  steps: StepDraft[]
  /** `never` (once per lead) or `after_exit` (again once the previous enrollment ended). */
  reenrollment: string
}

let nextKey = 0
const key = () => `step-${++nextKey}`

/** A kind this screen does not know yet (the server learned it first) keeps its values untouched, so saving loses nothing. */
function valuesOf(kind: Kind | undefined, source: Record<string, unknown>): KindValues {
  if (!kind) return Object.fromEntries(Object.entries(source).filter(([k]) => k !== 'type')) as KindValues
  const values: KindValues = {}
  for (const field of kind.fields) values[field.name] = (source[field.name] as KindValues[string]) ?? kind.defaults[field.name]
  return values
}

export function newStep(type: string): StepDraft {
  return { key: key(), type, values: { ...stepKind(type)?.defaults } }
}

/** A new workflow: lead created → a welcome e-mail. */
export function newDraft(): WorkflowDraft {
  const trigger = triggerKinds[0]
  return {
    name: '', trigger: { type: trigger.type, values: { ...trigger.defaults } }, steps: [newStep(stepKinds[0].type)], reenrollment: 'never',
  }
}

export function draftOf(workflow: Workflow): WorkflowDraft {
  const trigger = workflow.trigger as Record<string, unknown> & { type: string }
  return {
    name: workflow.name,
    trigger: { type: trigger.type, values: valuesOf(triggerKind(trigger.type), trigger) },
    steps: workflow.steps.map((s) => {
      const step = s as Record<string, unknown> & { type: string }
      return { key: key(), type: step.type, values: valuesOf(stepKind(step.type), step) }
    }),
    reenrollment: workflow.reenrollment ?? 'never',
  }
}

export function moveStep(steps: StepDraft[], index: number, by: -1 | 1): StepDraft[] {
  const to = index + by
  if (to < 0 || to >= steps.length) return steps
  const next = [...steps]
  ;[next[index], next[to]] = [next[to], next[index]]
  return next
}

export function removeStep(steps: StepDraft[], index: number): StepDraft[] {
  return steps.filter((_, i) => i !== index)
}

/** Changing a step's kind keeps the values the new kind shares (a title) and takes the new kind's defaults for the rest. */
export function changeStepType(step: StepDraft, type: string): StepDraft {
  const kind = stepKind(type)
  return { ...step, type, values: valuesOf(kind, { ...kind?.defaults, ...step.values }) }
}

/** What the API takes: each step and the trigger with only its kind's fields, numbers as numbers. */
export function toRequest(draft: WorkflowDraft, active?: boolean): SaveWorkflow {
  const clean = (kind: Kind | undefined, values: KindValues) => {
    if (!kind) return values
    const out: Record<string, unknown> = {}
    for (const field of shownFields(kind, values)) {
      const value = values[field.name]
      if (value === '' || value == null) continue
      out[field.name] = field.kind === 'number' || field.kind === 'minutes' || field.kind === 'step' ? Number(value) : value
    }
    return out
  }
  return {
    name: draft.name.trim(),
    trigger: { type: draft.trigger.type, ...clean(triggerKind(draft.trigger.type), draft.trigger.values) },
    steps: draft.steps.map((s) => ({ type: s.type, ...clean(stepKind(s.type), s.values) })),
    ...(active === undefined ? {} : { active }),
    reenrollment: draft.reenrollment,
  } as SaveWorkflow
}

/** The checks the form makes before asking, keyed exactly as the API keys its own (`steps[2].subject`). */
export function draftErrors(draft: WorkflowDraft): Record<string, string[]> {
  const errors: Record<string, string[]> = {}
  if (!draft.name.trim()) errors.name = ['Give the workflow a name.']
  if (draft.steps.length === 0) errors.steps = ['Add at least one step.']
  const check = (kind: Kind | undefined, values: KindValues, path: string) => {
    for (const field of shownFields(kind, values)) {
      const value = values[field.name]
      if (field.required && (value === '' || value == null || (typeof value === 'string' && !value.trim()))) {
        errors[`${path}.${field.name}`] = ['Required.']
      }
    }
  }
  check(triggerKind(draft.trigger.type), draft.trigger.values, 'trigger')
  draft.steps.forEach((s, i) => check(stepKind(s.type), s.values, `steps[${i}]`))
  return errors
}

/** The errors of one field: `errorsAt(errors, 'steps[2]', 'delayMinutes')`. */
export function errorsAt(errors: Record<string, string[]>, path: string, field: string): string[] | undefined {
  return errors[`${path}.${field}`]
}

/** Errors that no field on screen shows (an unknown key, a whole-step problem): listed above the form instead. */
export function unplacedErrors(errors: Record<string, string[]>, draft: WorkflowDraft): string[] {
  const placed = new Set(['name', 'steps', 'trigger.type', 'reenrollment'])
  for (const f of triggerKind(draft.trigger.type)?.fields ?? []) placed.add(`trigger.${f.name}`)
  draft.steps.forEach((s, i) => {
    placed.add(`steps[${i}].type`)
    stepKind(s.type)?.fields.forEach((f) => placed.add(`steps[${i}].${f.name}`))
  })
  return Object.entries(errors)
    .filter(([k]) => !placed.has(k))
    .flatMap(([k, messages]) => messages.map((m) => `${k}: ${m}`))
}
