import { SelectField } from '../../components/SelectField'
import { assignable, useUsers } from '../../lib/useUsers'

interface Props {
  label: string
  value: string
  errors?: string[]
  onChange: (agentId: string | null) => void
}

/** An agent who can hold leads, or round robin (no agent: the brokerage's turn order decides when the step runs). */
export function AgentSelectField({ label, value, errors, onChange }: Props) {
  const users = useUsers()
  const agents = assignable(users).map((u) => ({ value: u.id, label: u.displayName }))
  // A chosen agent who has since left stays visible, so the choice is not silently changed on screen.
  if (value && !agents.some((a) => a.value === value)) agents.push({ value, label: 'An agent who is no longer active' })
  return (
    <SelectField label={label} options={[{ value: '', label: 'Round robin (the next agent in turn)' }, ...agents]} value={value}
      errors={errors} onChange={(e) => onChange(e.target.value || null)} />
  )
}
