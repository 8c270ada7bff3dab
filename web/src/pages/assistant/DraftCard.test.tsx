import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import type { AssistantDraft } from '../../api'
import { chatReducer, emptyChat, type ServerFrame } from './chatState'
import { DraftCard, draftClipboardText, draftHeading } from './DraftCard'

const text: AssistantDraft = {
  channel: 'sms', leadId: 'l1', leadName: 'Maria Lopez', subject: null, segments: 1,
  body: 'Hi Maria, Good news: the price dropped. Want to take another look?\nReply STOP to opt out.',
  notes: ['It is 22:10 in America/Chicago for Maria Lopez; sending now would break quiet hours — send after 08:00 (time zone from the phone’s area code 312).'],
}

const email: AssistantDraft = {
  channel: 'email', leadId: 'l2', leadName: 'Bob Stone', subject: 'Following up', segments: null,
  body: 'Hi Bob,\n\nI wanted to follow up on our last conversation.\n\nBest regards,', notes: [],
}

const frame = (f: ServerFrame) => ({ type: 'frame' as const, frame: f })

describe('the draft card', () => {
  it('shows a text’s channel, recipient, segments, body with the opt-out line, the quiet-hours note and Copy', () => {
    const html = renderToStaticMarkup(<DraftCard draft={text} />)

    expect(html).toContain('Text to Maria Lopez · 1 segment')
    expect(html).toContain('Reply STOP to opt out.')
    expect(html).toContain('sending now would break quiet hours')
    expect(html).toContain('>Copy</button>')
    expect(html).not.toContain('Subject:')
  })

  it('shows an e-mail’s subject above its body', () => {
    const html = renderToStaticMarkup(<DraftCard draft={email} />)

    expect(html).toContain('E-mail to Bob Stone')
    expect(html).toContain('Following up')
    expect(html).not.toContain('Before you send')
  })

  it('copies an e-mail with its subject line and a text exactly as it would go', () => {
    expect(draftClipboardText(email)).toBe('Subject: Following up\n\nHi Bob,\n\nI wanted to follow up on our last conversation.\n\nBest regards,')
    expect(draftClipboardText(text)).toBe(text.body)
    expect(draftHeading({ ...text, segments: 2 })).toBe('Text to Maria Lopez · 2 segments')
  })

  it('attaches a draft frame to its answer, and a reopened thread keeps it', () => {
    let state = chatReducer(emptyChat, { type: 'send', clientId: 'c1', text: 'text Maria that the price dropped' })
    state = chatReducer(state, frame({ type: 'accepted', clientId: 'c1', threadId: 't1', messageId: 'q1', duplicate: false }))
    state = chatReducer(state, frame({ type: 'token', threadId: 't1', messageId: 'a1', agent_name: 'message_drafter', text: 'Here ' }))
    state = chatReducer(state, frame({ type: 'draft', threadId: 't1', messageId: 'a1', draft: text }))
    state = chatReducer(state, frame({ type: 'done', threadId: 't1', messageId: 'a1', agent_name: 'message_drafter', cancelled: false }))

    expect(state.messages[1]).toMatchObject({ text: 'Here ', status: 'complete', draft: text })
    expect(chatReducer(state, frame({ type: 'draft', threadId: 'other', messageId: 'a1', draft: email }))).toBe(state)

    const reopened = chatReducer(emptyChat, {
      type: 'history',
      thread: {
        id: 't1', title: 'text Maria', createdAt: '2026-12-07T10:00:00Z', updatedAt: '2026-12-07T10:00:00Z',
        messages: [
          { id: 'q1', role: 'user', text: 'text Maria that the price dropped', agentName: null, status: 'complete', clientId: 'c1', createdAt: '2026-12-07T10:00:00Z', draft: null },
          { id: 'a1', role: 'assistant', text: 'Here is a text', agentName: 'message_drafter', status: 'complete', clientId: null, createdAt: '2026-12-07T10:00:01Z', draft: text },
        ],
      },
    })
    expect(reopened.messages[0].draft).toBeUndefined()
    expect(reopened.messages[1].draft).toEqual(text)
  })
})
