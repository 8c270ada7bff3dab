import type { TokenResponse } from './types'

/** The subset of `Storage` the client needs; tests pass a plain object. */
export interface KeyValueStore {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
}

export const refreshTokenKey = 'beacon.refreshToken'

/**
 * Where the tokens live.
 *
 * The access token stays in memory only: it is never persisted, so a reload or a new tab gets a
 * fresh one through the refresh token.
 *
 * The refresh token goes to localStorage so a session survives reloads and is shared by tabs.
 * Trade-off: any script running on this origin (an XSS hole, a compromised dependency) can read
 * localStorage and take a long-lived credential with it. An HttpOnly SameSite cookie would hide it
 * from scripts, but the API hands the token out in the response body and a cookie would need CSRF
 * protection. What limits the damage here: the token rotates on every use and the server revokes
 * the whole family when a used token comes back (so a thief and the user collide quickly), the app
 * loads no third-party scripts, and signing out revokes it server-side.
 */
export class TokenStore {
  private accessToken: string | null = null
  private expiresAt = 0
  private readonly storage: KeyValueStore

  constructor(storage: KeyValueStore) {
    this.storage = storage
  }

  /** Stores a token response received at `now` (ms); returns the access token's expiry (ms). */
  save(tokens: TokenResponse, now: number): number {
    this.accessToken = tokens.accessToken
    this.expiresAt = now + Math.max(0, tokens.expiresIn) * 1000
    this.storage.setItem(refreshTokenKey, tokens.refreshToken)
    return this.expiresAt
  }

  get access(): string | null {
    return this.accessToken
  }

  get accessExpiresAt(): number {
    return this.expiresAt
  }

  /** Read from storage every time: another tab may have rotated it since we last looked. */
  get refresh(): string | null {
    return this.storage.getItem(refreshTokenKey)
  }

  clear(): void {
    this.accessToken = null
    this.expiresAt = 0
    this.storage.removeItem(refreshTokenKey)
  }
}

/** Falls back to memory where localStorage is unavailable (some private modes throw on access). */
export function browserStorage(): KeyValueStore {
  try {
    const storage = globalThis.localStorage
    const probe = '__beacon_probe__'
    storage.setItem(probe, probe)
    storage.removeItem(probe)
    return storage
  } catch {
    return memoryStorage()
  }
}

export function memoryStorage(): KeyValueStore {
  const map = new Map<string, string>()
  return {
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
  }
}
