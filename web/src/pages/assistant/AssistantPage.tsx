import { useCallback, useEffect, useMemo, useReducer, useState, type FormEvent } from 'react'
import { api, describeError, type AssistantThread, type AssistantThreadSummary } from '../../api'
import { Alert } from '../../components/Alert'
import { PageHeading } from '../../components/PageHeading'
import { AssistantSocket } from './AssistantSocket'
import { DraftCard } from './DraftCard'
import { agentLabel, chatReducer, emptyChat, isAnswering } from './chatState'

const examples = [
  'Hot leads in Austin not contacted this week',
  'Why is Jane a B?',
  'How many leads are in each stage?',
  'Draft a text to Jane about the open house Saturday',
  'How do I import leads?',
]

function socketUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws'
  return `${scheme}://${window.location.host}/api/v1/assistant/ws`
}

/** The assistant: the person's threads, a conversation whose answers stream in word by word, and Stop. */
export function AssistantPage() {
  const [chat, dispatch] = useReducer(chatReducer, emptyChat)
  const [threads, setThreads] = useState<AssistantThreadSummary[]>([])
  const [draft, setDraft] = useState('')
  const [error, setError] = useState<string | null>(null)

  const loadThreads = useCallback(() => {
    api.request<AssistantThreadSummary[]>('GET', '/assistant/threads').then(setThreads, (e: unknown) => setError(describeError(e)))
  }, [])

  const socket = useMemo(
    () =>
      new AssistantSocket({
        url: socketUrl(),
        accessToken: () => api.accessToken(),
        onFrame: (frame) => {
          dispatch({ type: 'frame', frame })
          if (frame.type === 'done') loadThreads()
          if (frame.type === 'error' && !frame.clientId) setError(frame.message)
        },
        onStatus: (status) => {
          if (status === 'closed') dispatch({ type: 'disconnected' })
        },
      }),
    [loadThreads],
  )

  useEffect(() => {
    loadThreads()
    return () => socket.close()
  }, [socket, loadThreads])

  const answering = isAnswering(chat)

  const send = async (text: string) => {
    const trimmed = text.trim()
    if (!trimmed || answering) return
    const clientId = crypto.randomUUID()
    dispatch({ type: 'send', clientId, text: trimmed })
    setDraft('')
    setError(null)
    try {
      await socket.send({ type: 'message', threadId: chat.threadId, text: trimmed, clientId })
    } catch (e) {
      dispatch({ type: 'frame', frame: { type: 'error', code: 'offline', message: describeError(e), clientId } })
    }
  }

  // The assistant acts only on an explicit yes; the server re-checks the person's permissions when it does.
  const decide = async (actionId: string, confirm: boolean) => {
    dispatch({ type: 'decide', actionId, confirm })
    try {
      await socket.send({ type: confirm ? 'confirm' : 'dismiss', actionId })
    } catch (e) {
      dispatch({ type: 'frame', frame: { type: 'action_result', actionId, outcome: 'refused', message: describeError(e) } })
    }
  }

  const open = async (id: string) => {
    try {
      dispatch({ type: 'history', thread: await api.request<AssistantThread>('GET', `/assistant/threads/${id}`) })
    } catch (e) {
      setError(describeError(e))
    }
  }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    void send(draft)
  }

  return (
    <div className="page assistant-page">
      <PageHeading>Assistant</PageHeading>
      <div className="status-slot" aria-live="polite">
        {error && <Alert tone="error">{error}</Alert>}
      </div>
      <div className="assistant-layout">
        <nav className="card assistant-threads" aria-label="Conversations">
          <button type="button" className="button" onClick={() => dispatch({ type: 'newThread' })} disabled={answering}>
            New conversation
          </button>
          <ul>
            {threads.map((t) => (
              <li key={t.id}>
                <button type="button" className="link-button" aria-current={t.id === chat.threadId ? 'true' : undefined}
                  onClick={() => void open(t.id)} disabled={answering}>
                  {t.title}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <section className="card assistant-chat" aria-label="Conversation">
          <ol className="assistant-messages" data-testid="assistant-messages" aria-live="polite">
            {chat.messages.length === 0 && (
              <li className="muted">
                Ask about your leads, scores and pipeline, have a message drafted, or ask how to use Beacon. For example:
                <ul>
                  {examples.map((e) => (
                    <li key={e}>
                      <button type="button" className="link-button" onClick={() => void send(e)}>{e}</button>
                    </li>
                  ))}
                </ul>
              </li>
            )}
            {chat.messages.map((m) => (
              <li key={m.key} className={`assistant-message assistant-${m.role}`} data-status={m.status}>
                {m.role === 'assistant' && <div className="assistant-agent" data-testid="agent-name">{agentLabel(m.agentName)}</div>}
                <div className="assistant-text">{m.text}</div>
                {m.draft && <DraftCard draft={m.draft} />}
                {m.status === 'cancelled' && <div className="muted">Stopped</div>}
                {m.status === 'failed' && <div className="assistant-error">{m.error}</div>}
                {m.proposal && (
                  <div className="assistant-proposal" data-testid="assistant-proposal" data-state={m.proposal.state}>
                    {m.proposal.state === 'pending' ? (
                      <div className="button-row">
                        <button type="button" className="button button-primary" onClick={() => void decide(m.proposal!.actionId, true)}>Confirm</button>
                        <button type="button" className="button" onClick={() => void decide(m.proposal!.actionId, false)}>Cancel</button>
                      </div>
                    ) : m.proposal.state === 'confirming' || m.proposal.state === 'dismissing' ? (
                      <div className="muted">Working…</div>
                    ) : (
                      <div className={m.proposal.state === 'done' ? 'assistant-outcome' : 'muted'}>{m.proposal.result}</div>
                    )}
                  </div>
                )}
              </li>
            ))}
          </ol>
          <form className="assistant-form" onSubmit={submit}>
            <label htmlFor="assistant-input" className="visually-hidden">Message</label>
            <textarea id="assistant-input" value={draft} maxLength={4000} rows={2} placeholder="Ask the assistant…"
              onChange={(e) => setDraft(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && !e.shiftKey) {
                  e.preventDefault()
                  void send(draft)
                }
              }} />
            {answering ? (
              <button type="button" className="button" onClick={() => void socket.send({ type: 'cancel' }).catch(() => dispatch({ type: 'disconnected' }))}>Stop</button>
            ) : (
              <button type="submit" className="button button-primary" disabled={!draft.trim()}>Send</button>
            )}
          </form>
        </section>
      </div>
    </div>
  )
}
