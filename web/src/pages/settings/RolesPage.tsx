import { PageHeading } from '../../components/PageHeading'
import { roleLabels } from './roleLabels'

const roles = ['owner', 'admin', 'team_lead', 'agent', 'read_only'] as const

/** What each role may do, from docs/api/roles.md: each role has every power of those to its right. */
const powers: { what: string; least: (typeof roles)[number]; note?: string }[] = [
  { what: 'See the dashboard and leads', least: 'read_only', note: 'Agents see their own leads, team leads their team’s, the others every lead' },
  { what: 'Add leads, log activities, record consent', least: 'agent' },
  { what: 'Export a lead’s data', least: 'agent' },
  { what: 'Import leads, see the brokerage’s users', least: 'team_lead' },
  { what: 'Invite, deactivate and change users', least: 'admin', note: 'Only for roles below one’s own; an owner manages everyone' },
  { what: 'Teams, API keys, lead sources and routing', least: 'admin' },
  { what: 'Webhooks, privacy, erasure, audit log', least: 'admin' },
  { what: 'Make someone an owner or admin', least: 'owner' },
]

/** Settings → Roles: a read-only table of what each role may do. */
export function RolesPage() {
  return (
    <div className="page">
      <PageHeading>Roles</PageHeading>
      <p className="muted">
        Each role can do everything the roles below it can. A brokerage always keeps at least one active owner. An API key
        carries a role no higher than its creator’s and acts for them.
      </p>
      <section className="card">
        <table className="table" aria-label="What each role may do">
          <thead>
            <tr>
              <th>What</th>
              {roles.map((r) => <th key={r}>{roleLabels[r]}</th>)}
            </tr>
          </thead>
          <tbody>
            {powers.map((p) => (
              <tr key={p.what}>
                <td>{p.what}{p.note && <><br /><span className="muted">{p.note}</span></>}</td>
                {roles.map((r) => {
                  const allowed = roles.indexOf(r) <= roles.indexOf(p.least)
                  return <td key={r} aria-label={allowed ? 'Yes' : 'No'}>{allowed ? '✓' : '—'}</td>
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  )
}
