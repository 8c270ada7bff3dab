import { describe, expect, it } from 'vitest'
import { AssistantSocket } from './AssistantSocket'
import type { ServerFrame } from './chatState'

/** A socket double: records what is sent and lets the test play the server. */
class FakeSocket {
  static readonly OPEN = 1
  readyState = 0
  sent: unknown[] = []
  onopen: (() => void) | null = null
  onmessage: ((event: { data: string }) => void) | null = null
  onclose: (() => void) | null = null
  send(data: string) {
    this.sent.push(JSON.parse(data))
  }
  close() {
    this.readyState = 3
    this.onclose?.()
  }
  open() {
    this.readyState = 1
    this.onopen?.()
  }
  receive(frame: ServerFrame) {
    this.onmessage?.({ data: JSON.stringify(frame) })
  }
}

function setup() {
  const sockets: FakeSocket[] = []
  const frames: ServerFrame[] = []
  const client = new AssistantSocket({
    url: 'ws://test/api/v1/assistant/ws',
    accessToken: () => Promise.resolve('token-1'),
    onFrame: (f) => frames.push(f),
    onStatus: () => undefined,
    createSocket: () => {
      const s = new FakeSocket()
      sockets.push(s)
      return s as unknown as WebSocket
    },
  })
  return { client, sockets, frames }
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('AssistantSocket', () => {
  it('authenticates first and sends the question only once the server is ready', async () => {
    const { client, sockets, frames } = setup()
    const sending = client.send({ type: 'message', text: 'hi', clientId: 'c1' })
    sockets[0].open()
    await flush()
    expect(sockets[0].sent).toEqual([{ type: 'auth', token: 'token-1' }])

    sockets[0].receive({ type: 'ready', userId: 'u1' })
    await sending
    expect(sockets[0].sent[1]).toEqual({ type: 'message', text: 'hi', clientId: 'c1' })
    sockets[0].receive({ type: 'token', threadId: 't', messageId: 'm', agent_name: 'fallback', text: 'Hello' })
    expect(frames).toHaveLength(1)
  })

  it('rejects a send when the socket closes before ready, and opens a new socket for the next one', async () => {
    const { client, sockets } = setup()
    const first = client.send({ type: 'cancel' })
    sockets[0].close()
    await expect(first).rejects.toThrow('not reachable')
    void client.send({ type: 'cancel' })
    expect(sockets).toHaveLength(2)
  })
})
