import { createContext, useContext } from 'react'
import type { Me, SignupRequest } from '../api'

export type Session =
  | { status: 'loading' }
  /** `signedOut`: the user chose to leave, so sign-in does not return them to where they were. */
  | { status: 'anonymous'; notice?: string; signedOut?: boolean }
  | { status: 'signedIn'; me: Me }

export interface SessionActions {
  signIn(email: string, password: string): Promise<void>
  signUp(request: SignupRequest): Promise<void>
  signOut(): Promise<void>
}

export const SessionContext = createContext<(SessionActions & { session: Session }) | null>(null)

export function useSession() {
  const value = useContext(SessionContext)
  if (!value) throw new Error('useSession must be used inside <AuthProvider>')
  return value
}
