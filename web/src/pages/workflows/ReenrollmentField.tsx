import { SelectField } from '../../components/SelectField'
import { reenrollmentOptions } from './triggerKinds'

/** The workflow's re-enrollment rule; a lead who opted out never enters a second time, whatever the rule. */
export function ReenrollmentField({ value, errors, onChange }: { value: string; errors?: string[]; onChange: (value: string) => void }) {
  return (
    <>
      <SelectField label="A lead may go through it" options={reenrollmentOptions} value={value} errors={errors}
        onChange={(e) => onChange(e.target.value)} />
      <p className="muted">
        {value === 'after_exit'
          ? 'The trigger enrolls a lead again after their previous enrollment completed or stopped — never twice at once, and never a lead who opted out.'
          : 'A lead who already went through this workflow is not enrolled again, whatever the trigger does later.'}
      </p>
    </>
  )
}
