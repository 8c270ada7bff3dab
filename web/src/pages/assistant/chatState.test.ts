import { describe, expect, it } from 'vitest'
import { agentLabel, chatReducer, emptyChat, isAnswering, type ChatState, type ServerFrame } from './chatState'

const frame = (f: ServerFrame) => ({ type: 'frame' as const, frame: f })

function askAndStream(): ChatState {
  let state = chatReducer(emptyChat, { type: 'send', clientId: 'c1', text: 'hot leads in Austin' })
  state = chatReducer(state, frame({ type: 'accepted', clientId: 'c1', threadId: 't1', messageId: 'q1', duplicate: false }))
  state = chatReducer(state, frame({ type: 'token', threadId: 't1', messageId: 'a1', agent_name: 'lead_finder', text: 'Two ' }))
  return chatReducer(state, frame({ type: 'token', threadId: 't1', messageId: 'a1', agent_name: 'lead_finder', text: 'leads' }))
}

describe('chatReducer', () => {
  it('shows the question at once, then appends streamed tokens to one answer naming its agent', () => {
    const state = askAndStream()
    expect(state.threadId).toBe('t1')
    expect(state.messages).toHaveLength(2)
    expect(state.messages[0]).toMatchObject({ role: 'user', text: 'hot leads in Austin', status: 'complete' })
    expect(state.messages[1]).toMatchObject({ role: 'assistant', text: 'Two leads', agentName: 'lead_finder', status: 'streaming' })
    expect(isAnswering(state)).toBe(true)
  })

  it('completes the answer on done, or marks it cancelled when stopped', () => {
    const done = chatReducer(askAndStream(), frame({ type: 'done', threadId: 't1', messageId: 'a1', agent_name: 'lead_finder', cancelled: false }))
    expect(done.messages[1].status).toBe('complete')
    expect(isAnswering(done)).toBe(false)
    const stopped = chatReducer(askAndStream(), frame({ type: 'done', threadId: 't1', messageId: 'a1', agent_name: 'lead_finder', cancelled: true }))
    expect(stopped.messages[1]).toMatchObject({ status: 'cancelled', text: 'Two leads' })
  })

  it('marks a refused question failed with the server’s words and keeps the others', () => {
    let state = chatReducer(emptyChat, { type: 'send', clientId: 'c1', text: 'x'.repeat(5000) })
    state = chatReducer(state, frame({ type: 'error', code: 'text_too_long', message: 'at most 4000', field: 'text', clientId: 'c1' }))
    expect(state.messages[0]).toMatchObject({ status: 'failed', error: 'at most 4000' })
    expect(isAnswering(state)).toBe(false)
  })

  it('ignores frames of another thread and errors that name no message', () => {
    const state = askAndStream()
    expect(chatReducer(state, frame({ type: 'token', threadId: 'other', messageId: 'z', agent_name: 'fallback', text: 'x' }))).toBe(state)
    expect(chatReducer(state, frame({ type: 'error', code: 'invalid_json', message: 'bad' }))).toBe(state)
  })

  it('resumes a stored thread with its answers, cancelled ones included', () => {
    const state = chatReducer(emptyChat, {
      type: 'history',
      thread: {
        id: 't9',
        title: 'why is Jane a B?',
        createdAt: '2026-12-07T01:00:00Z',
        updatedAt: '2026-12-07T01:00:01Z',
        messages: [
          { id: 'm1', role: 'user', text: 'why is Jane a B?', agentName: null, status: 'complete', clientId: 'c', createdAt: '2026-12-07T01:00:00Z' },
          { id: 'm2', role: 'assistant', text: 'Jane Doe is', agentName: 'score_explainer', status: 'cancelled', clientId: null, createdAt: '2026-12-07T01:00:01Z' },
        ],
      },
    })
    expect(state.threadId).toBe('t9')
    expect(state.messages.map((m) => [m.role, m.status, m.agentName])).toEqual([
      ['user', 'complete', null],
      ['assistant', 'cancelled', 'score_explainer'],
    ])
  })

  it('settles a stream cut by a dropped connection so the person can ask again', () => {
    const state = chatReducer(askAndStream(), { type: 'disconnected' })
    expect(state.messages[1]).toMatchObject({ status: 'cancelled', text: 'Two leads' })
    expect(isAnswering(state)).toBe(false)
  })

  it('labels agents for people', () => {
    expect(agentLabel('lead_finder')).toBe('Lead finder')
    expect(agentLabel(null)).toBe('Assistant')
  })
})

describe('follow-up proposals', () => {
  function proposed(): ChatState {
    const done = chatReducer(askAndStream(), frame({ type: 'done', threadId: 't1', messageId: 'a1', agent_name: 'follow_up', cancelled: false }))
    return chatReducer(done, frame({ type: 'confirm', threadId: 't1', messageId: 'a1', actionId: 'x1', summary: 'Create a task' }))
  }

  it('attaches the proposal to its answer, waiting for the person', () => {
    expect(proposed().messages[1].proposal).toEqual({ actionId: 'x1', summary: 'Create a task', state: 'pending' })
  })

  it('shows the outcome once confirmed and the server has acted', () => {
    const confirming = chatReducer(proposed(), { type: 'decide', actionId: 'x1', confirm: true })
    expect(confirming.messages[1].proposal?.state).toBe('confirming')
    const done = chatReducer(confirming, frame({ type: 'action_result', actionId: 'x1', outcome: 'done', message: 'Task created.' }))
    expect(done.messages[1].proposal).toMatchObject({ state: 'done', result: 'Task created.' })
  })

  it('records a cancel as dismissed, and a second decision on a settled proposal changes nothing', () => {
    const dismissing = chatReducer(proposed(), { type: 'decide', actionId: 'x1', confirm: false })
    expect(dismissing.messages[1].proposal?.state).toBe('dismissing')
    const dismissed = chatReducer(dismissing, frame({ type: 'action_result', actionId: 'x1', outcome: 'dismissed', message: 'Nothing was changed.' }))
    expect(chatReducer(dismissed, { type: 'decide', actionId: 'x1', confirm: true }).messages[1].proposal?.state).toBe('dismissed')
  })

  it('ignores a proposal for another thread', () => {
    const other = chatReducer(askAndStream(), frame({ type: 'confirm', threadId: 't2', messageId: 'a1', actionId: 'x2', summary: 'Enrol' }))
    expect(other.messages[1].proposal).toBeUndefined()
  })
})
