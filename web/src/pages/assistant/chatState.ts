import type { AssistantDraft, AssistantThread } from '../../api'

/** One bubble of the conversation as the screen shows it. */
export interface ChatMessage {
  /** The client's id for a question, the server's message id for an answer (known from its first token). */
  key: string
  role: 'user' | 'assistant'
  text: string
  agentName: string | null
  /** `sending` until the server stored it; `streaming` while tokens arrive; `failed` when the server refused it. */
  status: 'sending' | 'sent' | 'streaming' | 'complete' | 'cancelled' | 'failed'
  error?: string
  /** A follow-up the assistant proposes on this answer; it acts only once the person confirms. */
  proposal?: Proposal
  /** A message the drafter wrote for the person to copy and send (Beacon never sends it). */
  draft?: AssistantDraft
}

/** A proposed action's life: waiting for the person, on its way to the server, then its outcome. */
export interface Proposal {
  actionId: string
  summary: string
  state: 'pending' | 'confirming' | 'dismissing' | 'done' | 'refused' | 'dismissed'
  result?: string
}

export interface ChatState {
  threadId: string | null
  messages: ChatMessage[]
}

/** Frames of the assistant socket (docs/assistant.md). */
export type ServerFrame =
  | { type: 'ready'; userId: string }
  | { type: 'accepted'; clientId: string; threadId: string; messageId: string; duplicate: boolean }
  | { type: 'token'; threadId: string; messageId: string; agent_name: string; text: string }
  | { type: 'done'; threadId: string; messageId: string; agent_name: string; cancelled: boolean }
  | { type: 'draft'; threadId: string; messageId: string; draft: AssistantDraft }
  | { type: 'error'; code: string; message: string; field?: string | null; clientId?: string | null }
  | { type: 'confirm'; threadId: string; messageId: string; actionId: string; summary: string }
  | { type: 'action_result'; actionId: string; outcome: 'done' | 'refused' | 'dismissed'; message: string }

export type ChatAction =
  | { type: 'send'; clientId: string; text: string }
  | { type: 'frame'; frame: ServerFrame }
  | { type: 'history'; thread: AssistantThread }
  | { type: 'newThread' }
  | { type: 'disconnected' }
  | { type: 'decide'; actionId: string; confirm: boolean }

export const emptyChat: ChatState = { threadId: null, messages: [] }

/** True while an answer is on its way: the screen offers Stop instead of Send. */
export function isAnswering(state: ChatState): boolean {
  return state.messages.some((m) => m.status === 'streaming' || m.status === 'sending' || m.status === 'sent')
}

/** The state after one event: the person sent, the server framed, or a stored thread was opened. */
export function chatReducer(state: ChatState, action: ChatAction): ChatState {
  switch (action.type) {
    case 'newThread':
      return emptyChat
    case 'history':
      return {
        threadId: action.thread.id,
        messages: action.thread.messages.map((m) => ({
          key: m.id,
          role: m.role === 'user' ? 'user' : 'assistant',
          text: m.text,
          agentName: m.agentName ?? null,
          status: m.status === 'cancelled' ? 'cancelled' : 'complete',
          ...(m.draft ? { draft: m.draft } : {}),
        })),
      }
    case 'disconnected':
      // The stream ended without done: what arrived stays, and the question can be asked again.
      return {
        ...state,
        messages: state.messages.map((m) =>
          m.status === 'streaming'
            ? { ...m, status: 'cancelled' }
            : m.role === 'user' && (m.status === 'sending' || m.status === 'sent')
              ? { ...m, status: 'failed', error: 'The connection dropped before the answer; open the conversation again or resend.' }
              : m,
        ),
      }
    case 'send':
      return {
        ...state,
        messages: [...state.messages, { key: action.clientId, role: 'user', text: action.text, agentName: null, status: 'sending' }],
      }
    case 'frame':
      return applyFrame(state, action.frame)
    case 'decide':
      return updateProposal(state, action.actionId, (p) =>
        p.state === 'pending' ? { ...p, state: action.confirm ? 'confirming' : 'dismissing' } : p,
      )
  }
}

function updateProposal(state: ChatState, actionId: string, change: (p: Proposal) => Proposal): ChatState {
  return {
    ...state,
    messages: state.messages.map((m) => (m.proposal?.actionId === actionId ? { ...m, proposal: change(m.proposal) } : m)),
  }
}

function applyFrame(state: ChatState, frame: ServerFrame): ChatState {
  switch (frame.type) {
    case 'accepted':
      return {
        threadId: frame.threadId,
        messages: state.messages.map((m) => (m.key === frame.clientId && m.role === 'user' ? { ...m, status: 'sent' } : m)),
      }
    case 'token': {
      if (frame.threadId !== state.threadId) return state
      const existing = state.messages.find((m) => m.key === frame.messageId)
      if (!existing) {
        const answer: ChatMessage = { key: frame.messageId, role: 'assistant', text: frame.text, agentName: frame.agent_name, status: 'streaming' }
        return { ...state, messages: [...settleQuestions(state.messages), answer] }
      }
      return { ...state, messages: state.messages.map((m) => (m === existing ? { ...m, text: m.text + frame.text } : m)) }
    }
    case 'done': {
      if (frame.threadId !== state.threadId) return state
      const status: ChatMessage['status'] = frame.cancelled ? 'cancelled' : 'complete'
      const exists = state.messages.some((m) => m.key === frame.messageId)
      const messages = exists
        ? state.messages.map((m) => (m.key === frame.messageId ? { ...m, status, agentName: frame.agent_name } : m))
        : [...settleQuestions(state.messages), { key: frame.messageId, role: 'assistant' as const, text: '', agentName: frame.agent_name, status }]
      return { ...state, messages }
    }
    case 'draft': {
      if (frame.threadId !== state.threadId) return state
      // It comes after the answer's words and before its done; an answer with no words yet still shows it.
      const exists = state.messages.some((m) => m.key === frame.messageId)
      const messages = exists
        ? state.messages.map((m) => (m.key === frame.messageId ? { ...m, draft: frame.draft } : m))
        : [...settleQuestions(state.messages), { key: frame.messageId, role: 'assistant' as const, text: '', agentName: null, status: 'streaming' as const, draft: frame.draft }]
      return { ...state, messages }
    }
    case 'confirm':
      if (frame.threadId !== state.threadId) return state
      return {
        ...state,
        messages: state.messages.map((m) =>
          m.key === frame.messageId ? { ...m, proposal: { actionId: frame.actionId, summary: frame.summary, state: 'pending' } } : m,
        ),
      }
    case 'action_result':
      return updateProposal(state, frame.actionId, (p) => ({ ...p, state: frame.outcome, result: frame.message }))
    case 'error':
      if (!frame.clientId) return state
      return {
        ...state,
        messages: state.messages.map((m) =>
          m.key === frame.clientId && m.role === 'user' ? { ...m, status: 'failed', error: frame.message } : m,
        ),
      }
    default:
      return state
  }
}

// The answer has started: the questions before it are no longer waiting.
function settleQuestions(messages: ChatMessage[]): ChatMessage[] {
  return messages.map((m) => (m.role === 'user' && m.status === 'sent' ? { ...m, status: 'complete' } : m))
}

/** How an agent's code name reads on screen: `lead_finder` → "Lead finder". */
export function agentLabel(name: string | null): string {
  if (!name) return 'Assistant'
  const words = name.replace(/_/g, ' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}
