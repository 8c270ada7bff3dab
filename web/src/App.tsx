import { useEffect } from 'react'
import type { Me } from './api'
import { useSession } from './auth/session'
import { AppShell } from './components/AppShell'
import { SessionQueries } from './lib/SessionQueries'
import { LiveProvider } from './live'
import { AssistantPage } from './pages/assistant/AssistantPage'
import { AuditLogPage } from './pages/AuditLogPage'
import { BillingPage } from './pages/billing/BillingPage'
import { UsagePage } from './pages/billing/UsagePage'
import { AcceptInvitationPage } from './pages/AcceptInvitationPage'
import { ConversionsPage } from './pages/conversions/ConversionsPage'
import { ConfirmPage } from './pages/ConfirmPage'
import { DashboardPage } from './pages/DashboardPage'
import { ForgotPasswordPage } from './pages/ForgotPasswordPage'
import { ImportPage } from './pages/ImportPage'
import { InsightsPage } from './pages/insights/InsightsPage'
import { LeadDetailPage } from './pages/LeadDetailPage'
import { LeadFormPage } from './pages/LeadFormPage'
import { LeadsPage } from './pages/LeadsPage'
import { NotFoundPage } from './pages/NotFoundPage'
import { PrivacySettingsPage } from './pages/PrivacySettingsPage'
import { RateLimitsPage } from './pages/RateLimitsPage'
import { ResetPasswordPage } from './pages/ResetPasswordPage'
import { SettingsPage } from './pages/settings/SettingsPage'
import { SignInPage } from './pages/SignInPage'
import { SignUpPage } from './pages/SignUpPage'
import { SsoCompletePage } from './pages/SsoCompletePage'
import { SsoErrorPage } from './pages/SsoErrorPage'
import { SsoSignInPage } from './pages/SsoSignInPage'
import { WebhooksPage } from './pages/WebhooksPage'
import { TasksPage } from './pages/tasks/TasksPage'
import { UnsubscribePage } from './pages/UnsubscribePage'
import { EnrollmentsPage } from './pages/workflows/EnrollmentsPage'
import { WorkflowEditPage } from './pages/workflows/WorkflowEditPage'
import { WorkflowSettingsPage } from './pages/workflows/WorkflowSettingsPage'
import { WorkflowsPage } from './pages/workflows/WorkflowsPage'
import { PaymentPage } from './pages/payments/PaymentPage'
import { navigate, usePath } from './router'

const publicPaths = [
  '/signin',
  '/signup',
  '/signup/confirm',
  '/accept-invitation',
  '/accept-invitation/confirm',
  '/forgot-password',
  '/reset-password',
  '/signin/sso',
  '/sso/complete',
  '/sso/error',
]

export function App() {
  const { session } = useSession()
  const path = usePath()
  const signedIn = session.status === 'signedIn'
  const onPublicPath = publicPaths.includes(path)
  const signedOut = session.status === 'anonymous' && session.signedOut === true

  // Where to go once the session is known: signed-in users leave the sign-in pages (back to where
  // they were headed, if anywhere); everyone else lands on sign in, remembering the page asked for.
  // The unsubscribe link is for whoever got the e-mail, signed in or not: no redirect either way.
  const openToAll = path === '/unsubscribe'

  useEffect(() => {
    if (session.status === 'loading' || openToAll) return
    if (signedIn && onPublicPath) {
      const next = new URLSearchParams(window.location.search).get('next')
      navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true })
    } else if (!signedIn && !onPublicPath) {
      const next = path === '/' || signedOut ? '' : `?next=${encodeURIComponent(path)}`
      navigate(`/signin${next}`, { replace: true })
    }
  }, [session.status, signedIn, signedOut, onPublicPath, path, openToAll])

  if (openToAll) return <UnsubscribePage />

  if (session.status === 'loading') {
    return (
      <div className="splash" role="status" aria-live="polite">
        <span className="spinner" aria-hidden="true" />
        <span>Loading Beacon…</span>
      </div>
    )
  }

  if (session.status === 'anonymous') {
    if (path === '/signup') return <SignUpPage />
    if (path === '/signup/confirm') return <ConfirmPage kind="signup" />
    if (path === '/accept-invitation/confirm') return <ConfirmPage kind="invitation" />
    if (path === '/accept-invitation') return <AcceptInvitationPage />
    if (path === '/forgot-password') return <ForgotPasswordPage />
    if (path === '/reset-password') return <ResetPasswordPage />
    if (path === '/signin/sso') return <SsoSignInPage />
    if (path === '/sso/complete') return <SsoCompletePage />
    if (path === '/sso/error') return <SsoErrorPage />
    return <SignInPage notice={session.notice} />
  }

  return (
    <SessionQueries key={session.me.id}>
      <LiveProvider key={session.me.id}>
        <AppShell me={session.me} path={path}>
          {renderPage(path, session.me)}
        </AppShell>
      </LiveProvider>
    </SessionQueries>
  )
}

const leadPath = /^\/leads\/([0-9a-f-]{36})(\/edit)?$/i
const workflowPath = /^\/workflows\/([0-9a-f-]{36})\/(edit|enrollments)$/i

/** Workflows are team leads' and above (the API says the same). */
function managesWorkflows(me: Me): boolean {
  return me.role === 'owner' || me.role === 'admin' || me.role === 'team_lead'
}

function renderPage(path: string, me: Me) {
  switch (path) {
    case '/':
    case '/signin':
    case '/signup':
    case '/signup/confirm':
    case '/accept-invitation':
    case '/accept-invitation/confirm':
    case '/forgot-password':
    case '/reset-password':
    case '/signin/sso':
    case '/sso/complete':
    case '/sso/error':
    case '/dashboard':
      return <DashboardPage key="dashboard" me={me} />
    case '/leads':
      return <LeadsPage key="leads" me={me} />
    case '/leads/new':
      return <LeadFormPage key="new" />
    case '/leads/import':
      return <ImportPage key="import" me={me} />
    case '/insights':
      return <InsightsPage key="insights" me={me} />
    case '/assistant':
      return <AssistantPage key="assistant" />
    case '/reports/conversions':
      return <ConversionsPage key="conversions" me={me} />
    case '/tasks':
      return <TasksPage key="tasks" me={me} />
    case '/workflows':
      return managesWorkflows(me) ? <WorkflowsPage key="workflows" /> : <NotFoundPage />
    case '/workflows/new':
      return managesWorkflows(me) ? <WorkflowEditPage key="new-workflow" /> : <NotFoundPage />
    case '/audit':
      return me.role === 'owner' || me.role === 'admin' ? <AuditLogPage key="audit" /> : <NotFoundPage />
  }
  if (path === '/settings' || path.startsWith('/settings/')) {
    return (
      <SettingsPage key={path} me={me} path={path} pages={{
        '/settings/webhooks': () => <WebhooksPage />,
        '/settings/privacy': () => <PrivacySettingsPage />,
        '/settings/limits': () => <RateLimitsPage />,
        '/settings/payment': () => <PaymentPage />,
        '/settings/usage': () => <UsagePage />,
        '/settings/billing': () => <BillingPage />,
        '/settings/workflows': () => <WorkflowSettingsPage />,
      }} />
    )
  }
  const workflow = workflowPath.exec(path)
  if (workflow && managesWorkflows(me)) {
    return workflow[2] === 'edit'
      ? <WorkflowEditPage key={`edit-${workflow[1]}`} id={workflow[1]} />
      : <EnrollmentsPage key={`enrollments-${workflow[1]}`} id={workflow[1]} me={me} />
  }
  const match = leadPath.exec(path)
  if (match) {
    return match[2] ? <LeadFormPage key={`edit-${match[1]}`} id={match[1]} /> : <LeadDetailPage key={match[1]} id={match[1]} me={me} />
  }
  return <NotFoundPage />
}
