import type { ServerFrame } from './chatState'

export interface AssistantSocketOptions {
  url: string
  accessToken(): Promise<string>
  onFrame(frame: ServerFrame): void
  onStatus(status: 'connecting' | 'ready' | 'closed'): void
  createSocket?: (url: string) => WebSocket
}

/**
 * The chat's WebSocket: authenticates with its first frame (as the live stream does), sends questions once `ready`,
 * and reconnects on the next send after a drop. What was asked is in the thread on the server, so a reconnect loses
 * nothing; a question sent while connecting waits for `ready`.
 */
export class AssistantSocket {
  private socket: WebSocket | null = null
  private ready: Promise<void> | null = null

  private readonly options: AssistantSocketOptions

  constructor(options: AssistantSocketOptions) {
    this.options = options
  }

  async send(frame: object): Promise<void> {
    await this.connect()
    this.socket?.send(JSON.stringify(frame))
  }

  close(): void {
    this.socket?.close(1000, 'bye')
    this.socket = null
    this.ready = null
  }

  private connect(): Promise<void> {
    if (this.ready && this.socket && this.socket.readyState <= WebSocket.OPEN) return this.ready
    this.options.onStatus('connecting')
    const socket = (this.options.createSocket ?? ((url) => new WebSocket(url)))(this.options.url)
    this.socket = socket
    this.ready = new Promise<void>((resolve, reject) => {
      socket.onopen = async () => socket.send(JSON.stringify({ type: 'auth', token: await this.options.accessToken() }))
      socket.onmessage = (event) => {
        const frame = JSON.parse(String(event.data)) as ServerFrame
        if (frame.type === 'ready') {
          this.options.onStatus('ready')
          resolve()
          return
        }
        this.options.onFrame(frame)
      }
      socket.onclose = () => {
        if (this.socket === socket) {
          this.socket = null
          this.ready = null
        }
        this.options.onStatus('closed')
        reject(new Error('The assistant is not reachable right now.'))
      }
    })
    return this.ready
  }
}
