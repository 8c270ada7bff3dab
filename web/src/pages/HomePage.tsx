import type { Me } from '../api'
import { PageHeading } from '../components/PageHeading'
import { RoleBadge } from '../components/RoleBadge'
import { Link } from '../router'

export function HomePage({ me }: { me: Me }) {
  const firstName = me.displayName.trim().split(/\s+/)[0] || me.displayName
  return (
    <div className="page">
      <PageHeading>Welcome, {firstName}</PageHeading>
      <p className="page-lead">Here is who you are signed in as.</p>

      <section className="card" aria-labelledby="whoami">
        <h2 id="whoami" className="card-title">Your account</h2>
        <dl className="facts">
          <div>
            <dt>Name</dt>
            <dd>{me.displayName}</dd>
          </div>
          <div>
            <dt>Email</dt>
            <dd>{me.email}</dd>
          </div>
          <div>
            <dt>Role</dt>
            <dd>
              <RoleBadge role={me.role} />
            </dd>
          </div>
          <div>
            <dt>Brokerage</dt>
            <dd>{me.tenant.name}</dd>
          </div>
        </dl>
      </section>

      <div className="tiles">
        <Link to="/leads" className="tile">
          <span className="tile-title">Leads</span>
          <span className="tile-text">Your hottest leads first, each with the reasons behind its score.</span>
          <span className="tile-tag">Coming soon</span>
        </Link>
        <Link to="/dashboard" className="tile">
          <span className="tile-title">Dashboard</span>
          <span className="tile-text">Conversions, pipeline and agent activity for your team, live.</span>
          <span className="tile-tag">Coming soon</span>
        </Link>
      </div>
    </div>
  )
}
