import type { ReactNode } from 'react'
import { Logo } from '../components/Logo'

/** The two-panel frame of the sign-in and signup pages; the brand panel folds away on phones. */
export function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <div className="auth">
      <aside className="auth-brand" aria-label="About Beacon">
        <Logo size={36} inverted />
        <div className="auth-pitch">
          <p className="auth-pitch-title">Know which leads will close — and why.</p>
          <ul className="auth-points">
            <li>Every lead scored, with the reasons behind the score</li>
            <li>Follow-up that runs itself, within the rules</li>
            <li>Live pipeline and conversion dashboards for the whole team</li>
          </ul>
        </div>
        <p className="auth-footnote">Lead intelligence for real-estate teams</p>
      </aside>
      <main className="auth-main">
        <div className="auth-card">{children}</div>
      </main>
    </div>
  )
}
