import type { Enrollment, LeadEnrollment, Workflow } from '../../api'
import type { KindValues } from './kindFields'
import { stepKind } from './stepKinds'

/** "Step 2 of 3: Wait 1 day" — the step's summary when the enrollment runs the version on screen, else its number and version. */
export function stepLabel(enrollment: Pick<Enrollment, 'currentStep' | 'version' | 'status'>, workflow: Workflow | null): string {
  if (enrollment.status !== 'active') return '—'
  const number = enrollment.currentStep + 1
  if (!workflow || workflow.version !== enrollment.version) return `Step ${number} (version ${enrollment.version})`
  const step = workflow.steps[enrollment.currentStep]
  const summary = step ? (stepKind(step.type ?? '')?.summary(step as unknown as KindValues) ?? step.type) : null
  return `Step ${number} of ${workflow.steps.length}${summary ? `: ${summary}` : ''}`
}

/** A lead's enrollment in one line for the lead's page. */
export function nextStepLabel(enrollment: LeadEnrollment): string {
  if (enrollment.status !== 'active') return enrollment.reason ?? (enrollment.status === 'completed' ? 'Completed' : 'Stopped')
  const kind = enrollment.nextStepType ? (stepKind(enrollment.nextStepType)?.label ?? enrollment.nextStepType) : 'Next step'
  return `Step ${enrollment.currentStep + 1} of ${enrollment.stepCount}: ${kind}`
}

export const statusLabels: Record<string, string> = { active: 'Active', completed: 'Completed', stopped: 'Stopped' }
