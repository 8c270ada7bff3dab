/**
 * Shows a role as a coloured badge. The server's spelling may be `teamLead`, `team_lead` or
 * `TeamLead`; all read "Team lead".
 */
export function RoleBadge({ role }: { role: string }) {
  const words = role
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase()
  const label = words ? words.charAt(0).toUpperCase() + words.slice(1) : 'Member'
  const key = words.replace(/\s+/g, '')
  return (
    <span className={`role-badge role-${key || 'member'}`}>
      <span className="visually-hidden">Role: </span>
      {label}
    </span>
  )
}
