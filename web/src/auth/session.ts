import { createContext, useContext } from 'react'
import type { ConfirmationKind, Me, SignupRequest } from '../api'

export type Session =
  | { status: 'loading' }
  /** `signedOut`: the user chose to leave, so sign-in does not return them to where they were. */
  | { status: 'anonymous'; notice?: string; signedOut?: boolean }
  | { status: 'signedIn'; me: Me }

export interface SessionActions {
  signIn(email: string, password: string): Promise<void>
  /** Asks for the account; it exists once the e-mailed link is followed (see `confirm`). */
  signUp(request: SignupRequest): Promise<void>
  confirm(kind: ConfirmationKind, token: string): Promise<void>
  /** Completes a single sign-on with the hand-off the server's callback gave the browser. */
  completeSso(handoff: string): Promise<void>
  signOut(): Promise<void>
  /** Reads who is signed in again (after they changed their own profile). */
  refreshMe(): Promise<void>
}

export const SessionContext = createContext<(SessionActions & { session: Session }) | null>(null)

export function useSession() {
  const value = useContext(SessionContext)
  if (!value) throw new Error('useSession must be used inside <AuthProvider>')
  return value
}
