import { SelectField } from '../../components/SelectField'
import { assignable, useUsers } from '../../lib/useUsers'
import type { KindField } from './kindFields'

interface Props {
  field: KindField
  value: string
  errors?: string[]
  onChange: (value: string | null) => void
}

/** An agent picker for a trigger or step field: the brokerage's agents and team leads, or empty (the field's hint says what that means). */
export function AgentField({ field, value, errors, onChange }: Props) {
  const users = useUsers()
  const options = assignable(users).map((u) => ({ value: u.id, label: u.displayName }))
  // A chosen agent who left (or a list still loading) stays selectable, so saving never drops the choice silently.
  if (value && !options.some((o) => o.value === value)) options.push({ value, label: users ? 'A former member' : 'Loading…' })
  return (
    <SelectField label={field.label} placeholder={field.hint ?? 'Anyone'} options={options} value={value} errors={errors}
      onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)} />
  )
}
