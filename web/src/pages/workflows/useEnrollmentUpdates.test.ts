import { describe, expect, it } from 'vitest'
import type { LiveEvent } from '../../live'
import { concerns } from './useEnrollmentUpdates'

const event = (type: string, data: Record<string, unknown>): LiveEvent => ({ cursor: 1, type, occurredAt: '', data })

describe('enrollment live updates', () => {
  it('reload a screen for its own workflow’s or lead’s enrollment events only', () => {
    const step = event('workflow.enrollment_changed', { workflowId: 'w1', leadId: 'l1', status: 'sent' })

    expect(concerns(step, { workflowId: 'w1' })).toBe(true)
    expect(concerns(step, { leadId: 'l1' })).toBe(true)
    expect(concerns(step, { workflowId: 'w2' })).toBe(false)
    expect(concerns(step, { leadId: 'l2' })).toBe(false)
    expect(concerns(event('lead.updated', { leadId: 'l1' }), { leadId: 'l1' })).toBe(false)
  })
})
