import { useEffect } from 'react'
import type { Me } from './api'
import { useSession } from './auth/session'
import { AppShell } from './components/AppShell'
import { ComingSoonPage } from './pages/ComingSoonPage'
import { HomePage } from './pages/HomePage'
import { NotFoundPage } from './pages/NotFoundPage'
import { SignInPage } from './pages/SignInPage'
import { SignUpPage } from './pages/SignUpPage'
import { navigate, usePath } from './router'

const publicPaths = ['/signin', '/signup']

export function App() {
  const { session } = useSession()
  const path = usePath()
  const signedIn = session.status === 'signedIn'
  const onPublicPath = publicPaths.includes(path)
  const signedOut = session.status === 'anonymous' && session.signedOut === true

  // Where to go once the session is known: signed-in users leave the sign-in pages (back to where
  // they were headed, if anywhere); everyone else lands on sign in, remembering the page asked for.
  useEffect(() => {
    if (session.status === 'loading') return
    if (signedIn && onPublicPath) {
      const next = new URLSearchParams(window.location.search).get('next')
      navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true })
    } else if (!signedIn && !onPublicPath) {
      const next = path === '/' || signedOut ? '' : `?next=${encodeURIComponent(path)}`
      navigate(`/signin${next}`, { replace: true })
    }
  }, [session.status, signedIn, signedOut, onPublicPath, path])

  if (session.status === 'loading') {
    return (
      <div className="splash" role="status" aria-live="polite">
        <span className="spinner" aria-hidden="true" />
        <span>Loading Beacon…</span>
      </div>
    )
  }

  if (session.status === 'anonymous') {
    return path === '/signup' ? <SignUpPage /> : <SignInPage notice={session.notice} />
  }

  return (
    <AppShell me={session.me} path={path}>
      {renderPage(path, session.me)}
    </AppShell>
  )
}

function renderPage(path: string, me: Me) {
  switch (path) {
    case '/':
    case '/signin':
    case '/signup':
      return <HomePage me={me} />
    case '/leads':
      return <ComingSoonPage title="Leads" summary="Your leads, hottest first, with the reasons behind each score." />
    case '/dashboard':
      return <ComingSoonPage title="Dashboard" summary="Conversions, pipeline and agent activity, live." />
    default:
      return <NotFoundPage />
  }
}
