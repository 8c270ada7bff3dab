import { describe, expect, it } from 'vitest'
import type { Task } from '../../api'
import { defaultDueLocal, groupTasks, taskFormErrors } from './taskGroups'
import { instantToLocal, localToInstant } from './zonedTime'

function task(id: string, bucket: string, dueAt: string, completedAt: string | null = null): Task {
  return {
    id, leadId: 'l', leadName: 'Ann Lee', assigneeId: 'me', assigneeName: 'Me', title: id, notes: '', dueAt, bucket,
    completedAt, completedBy: null, enrollmentId: null, createdAt: dueAt,
  }
}

describe('groupTasks', () => {
  it('puts each task in its bucket, most overdue first and the latest done first', () => {
    const groups = groupTasks([
      task('late', 'overdue', '2026-12-06T10:00:00Z'),
      task('later', 'overdue', '2026-12-01T10:00:00Z'),
      task('noon', 'today', '2026-12-07T12:00:00Z'),
      task('morning', 'today', '2026-12-07T09:00:00Z'),
      task('next week', 'upcoming', '2026-12-14T09:00:00Z'),
      task('old done', 'done', '2026-12-01T09:00:00Z', '2026-12-02T09:00:00Z'),
      task('new done', 'done', '2026-12-01T09:00:00Z', '2026-12-05T09:00:00Z'),
    ])

    expect(groups.overdue.map((t) => t.id)).toEqual(['later', 'late'])
    expect(groups.today.map((t) => t.id)).toEqual(['morning', 'noon'])
    expect(groups.upcoming.map((t) => t.id)).toEqual(['next week'])
    expect(groups.done.map((t) => t.id)).toEqual(['new done', 'old done'])
  })
})

describe('due times in the viewer zone', () => {
  it('reads a wall-clock time in the named zone, not the browser one', () => {
    expect(localToInstant('2026-12-08T09:00', 'America/Chicago')).toBe('2026-12-08T15:00:00.000Z')
    expect(localToInstant('2026-07-08T09:00', 'America/Chicago')).toBe('2026-07-08T14:00:00.000Z')
    expect(localToInstant('2026-12-08T09:00', 'Asia/Tokyo')).toBe('2026-12-08T00:00:00.000Z')
  })

  it('shows an instant on the zone wall clock', () => {
    expect(instantToLocal('2026-12-08T15:00:00Z', 'America/Chicago')).toBe('2026-12-08T09:00')
  })

  it('defaults a new task to tomorrow 09:00 where the viewer is, even when UTC is already on the next day', () => {
    // 23:30 in Chicago on Dec 7 is Dec 8 in UTC: tomorrow for the agent is still Dec 8.
    expect(defaultDueLocal(new Date('2026-12-08T05:30:00Z'), 'America/Chicago')).toBe('2026-12-08T09:00')
    expect(defaultDueLocal(new Date('2026-12-31T12:00:00Z'), 'UTC')).toBe('2027-01-01T09:00')
  })
})

describe('taskFormErrors', () => {
  it('names the fields the API would name', () => {
    expect(taskFormErrors({ leadId: '', title: ' ', dueLocal: '' })).toEqual({
      leadId: ['Choose the lead this task is about.'],
      title: ['Say what to do.'],
      dueAt: ['Pick when it is due.'],
    })
    expect(taskFormErrors({ leadId: 'l', title: 'Call', dueLocal: '2026-12-08T09:00' })).toEqual({})
  })
})
