import { SelectField } from '../../components/SelectField'
import { errorsAt, type StepDraft } from './builderState'
import { shownFields } from './kindFields'
import { KindFieldInput } from './KindFieldInput'
import { StepPreview } from './StepPreview'
import { stepKind, stepKinds } from './stepKinds'

interface Props {
  step: StepDraft
  index: number
  count: number
  errors: Record<string, string[]>
  onChange: (step: StepDraft) => void
  onType: (type: string) => void
  onMove: (by: -1 | 1) => void
  onRemove: () => void
  /** Field errors found outside a save (a preview's unknown merge field), keyed like the API's. */
  onErrors?: (errors: Record<string, string[]>) => void
}

/** One step of the builder: its kind, its fields, and its place in the order. */
export function StepCard({ step, index, count, errors, onChange, onType, onMove, onRemove, onErrors }: Props) {
  const kind = stepKind(step.type)
  const path = `steps[${index}]`
  const label = `Step ${index + 1}`
  return (
    <li className="card step-card" aria-label={label}>
      <div className="step-card-head">
        <h3 className="card-title">{label}</h3>
        <div className="step-card-actions">
          <button type="button" className="button button-secondary button-small" disabled={index === 0} onClick={() => onMove(-1)}
            aria-label={`Move step ${index + 1} up`}>
            ↑ Up
          </button>
          <button type="button" className="button button-secondary button-small" disabled={index === count - 1} onClick={() => onMove(1)}
            aria-label={`Move step ${index + 1} down`}>
            ↓ Down
          </button>
          <button type="button" className="button button-secondary button-small" onClick={onRemove} aria-label={`Remove step ${index + 1}`}>
            Remove
          </button>
        </div>
      </div>
      <SelectField
        label={`${label}: kind`}
        options={kind ? stepKinds.map((k) => ({ value: k.type, label: k.label })) : [{ value: step.type, label: step.type }]}
        value={step.type}
        errors={errorsAt(errors, path, 'type')}
        onChange={(e) => onType(e.target.value)}
      />
      {kind ? <p className="muted">{kind.help}</p> : <p className="muted">This kind of step is kept as it is; this screen cannot edit it yet.</p>}
      {shownFields(kind, step.values).map((field) => (
        <KindFieldInput key={field.name} field={{ ...field, label: `${field.label}` }} values={step.values}
          errors={errorsAt(errors, path, field.name)} stepIndex={index} stepCount={count}
          onChange={(name, value) => {
            const values = { ...step.values, [name]: value }
            onChange({ ...step, values: field.afterChange ? field.afterChange(values) : values })
          }} />
      ))}
      {(step.type === 'email' || step.type === 'sms') && (
        <StepPreview channel={step.type} values={step.values}
          onFieldErrors={(found) => onErrors?.(Object.fromEntries(Object.entries(found).map(([k, m]) => [`${path}.${k}`, m])))} />
      )}
    </li>
  )
}
