import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react'
import { ApiError, api, type ConfirmationKind, type SignupRequest } from '../api'
import { SessionContext, type Session } from './session'

const endedNotice = {
  expired: 'Your session has ended. Please sign in again.',
  signedOut: 'You signed out in another tab.',
} as const

/** Owns who is signed in: restores the session on load and follows it as tokens come and go. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session>(() =>
    api.hasSession ? { status: 'loading' } : { status: 'anonymous' },
  )

  useEffect(() => {
    const unsubscribe = api.onSessionEnded((reason) =>
      setSession({ status: 'anonymous', notice: endedNotice[reason], signedOut: reason === 'signedOut' }),
    )
    const onStorage = (event: StorageEvent) => api.handleStorageChange(event.key, event.newValue)
    window.addEventListener('storage', onStorage)
    return () => {
      unsubscribe()
      window.removeEventListener('storage', onStorage)
    }
  }, [])

  useEffect(() => {
    if (!api.hasSession) return
    const abort = new AbortController()
    api
      .me(abort.signal)
      .then((me) => setSession({ status: 'signedIn', me }))
      .catch((error: unknown) => {
        if (abort.signal.aborted) return
        const notice =
          error instanceof ApiError && error.status === 401
            ? undefined
            : 'We could not restore your session. Check your connection and sign in again.'
        setSession({ status: 'anonymous', notice })
      })
    return () => abort.abort()
  }, [])

  const signIn = useCallback(async (email: string, password: string) => {
    await api.login({ email, password })
    setSession({ status: 'signedIn', me: await api.me() })
  }, [])

  const signUp = useCallback(async (request: SignupRequest) => {
    await api.signup(request)
  }, [])

  const confirm = useCallback(async (kind: ConfirmationKind, token: string) => {
    await api.confirm(kind, token)
    setSession({ status: 'signedIn', me: await api.me() })
  }, [])

  const completeSso = useCallback(async (handoff: string) => {
    await api.completeSso(handoff)
    setSession({ status: 'signedIn', me: await api.me() })
  }, [])

  const signOut = useCallback(async () => {
    await api.logout()
    setSession({ status: 'anonymous', notice: 'You have signed out.', signedOut: true })
  }, [])

  const refreshMe = useCallback(async () => {
    setSession({ status: 'signedIn', me: await api.me() })
  }, [])

  const value = useMemo(
    () => ({ session, signIn, signUp, confirm, completeSso, signOut, refreshMe }),
    [session, signIn, signUp, confirm, completeSso, signOut, refreshMe],
  )
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>
}
