import { useEffect, useState, type FormEvent } from 'react'
import { ApiError, describeError, workflowsApi } from '../../api'
import { Alert } from '../../components/Alert'
import { Field } from '../../components/Field'
import { PageHeading } from '../../components/PageHeading'
import { SelectField } from '../../components/SelectField'
import { Link, navigate } from '../../router'
import {
  changeStepType, draftErrors, draftOf, errorsAt, moveStep, newDraft, newStep, removeStep, toRequest, unplacedErrors,
  type WorkflowDraft,
} from './builderState'
import { KindFieldInput } from './KindFieldInput'
import { ReenrollmentField } from './ReenrollmentField'
import { StepCard } from './StepCard'
import { stepKinds } from './stepKinds'
import { triggerKind, triggerKinds } from './triggerKinds'
import './workflows.css'

/** The builder: a trigger and ordered steps. Saving an existing workflow writes a new version. */
export function WorkflowEditPage({ id }: { id?: string }) {
  const [draft, setDraft] = useState<WorkflowDraft | null>(id ? null : newDraft())
  const [version, setVersion] = useState<number | null>(null)
  const [enrolled, setEnrolled] = useState(0)
  const [errors, setErrors] = useState<Record<string, string[]>>({})
  const [failure, setFailure] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const [adding, setAdding] = useState(stepKinds[0].type)

  useEffect(() => {
    if (!id) return
    const abort = new AbortController()
    workflowsApi.get(id, abort.signal).then((w) => {
      setDraft(draftOf(w))
      setVersion(w.version)
      setEnrolled(w.enrollments.active)
    }, (e) => abort.signal.aborted || setFailure(describeError(e)))
    return () => abort.abort()
  }, [id])

  if (!draft) {
    return <div className="page" aria-busy="true">{failure ? <Alert tone="error">{failure}</Alert> : <p role="status">Loading workflow…</p>}</div>
  }

  const steps = (change: (s: WorkflowDraft['steps']) => WorkflowDraft['steps']) => setDraft({ ...draft, steps: change(draft.steps) })
  const trigger = triggerKind(draft.trigger.type)

  const save = async (event: FormEvent) => {
    event.preventDefault()
    setFailure(null)
    const local = draftErrors(draft)
    setErrors(local)
    if (Object.keys(local).length > 0) return
    setSaving(true)
    try {
      const saved = id ? await workflowsApi.update(id, toRequest(draft)) : await workflowsApi.create(toRequest(draft))
      navigate(`/workflows?saved=${saved.id}`)
    } catch (e) {
      if (e instanceof ApiError && Object.keys(e.fieldErrors).length > 0) setErrors(e.fieldErrors)
      else setFailure(describeError(e))
    } finally {
      setSaving(false)
    }
  }

  const loose = unplacedErrors(errors, draft)
  return (
    <form className="page workflow-builder" onSubmit={save} noValidate aria-labelledby="builder-heading">
      <Link to="/workflows" className="back-link">← Workflows</Link>
      <PageHeading id="builder-heading">{id ? `Edit workflow (version ${version})` : 'New workflow'}</PageHeading>
      {id && (
        <Alert tone="info">
          Editing makes a new version (version {(version ?? 0) + 1}); running enrollments keep theirs.
          {enrolled > 0 && ` ${enrolled} lead${enrolled === 1 ? ' is' : 's are'} enrolled on earlier versions and will finish them.`}
        </Alert>
      )}
      {failure && <Alert tone="error">{failure}</Alert>}
      {loose.length > 0 && (
        <Alert tone="error">
          <ul>{loose.map((m) => <li key={m}>{m}</li>)}</ul>
        </Alert>
      )}
      <section className="card" aria-labelledby="builder-basics">
        <h2 id="builder-basics" className="card-title">Name and trigger</h2>
        <Field label="Name" value={draft.name} maxLength={120} errors={errors.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
        <SelectField
          label="Starts when"
          options={trigger ? triggerKinds.map((k) => ({ value: k.type, label: k.label })) : [{ value: draft.trigger.type, label: draft.trigger.type }]}
          value={draft.trigger.type}
          errors={errors['trigger.type']}
          onChange={(e) => setDraft({ ...draft, trigger: { type: e.target.value, values: { ...triggerKind(e.target.value)?.defaults } } })}
        />
        {trigger && <p className="muted">{trigger.help}</p>}
        {trigger?.fields.map((field) => (
          <KindFieldInput key={field.name} field={field} values={draft.trigger.values} errors={errorsAt(errors, 'trigger', field.name)}
            onChange={(name, value) => setDraft({ ...draft, trigger: { ...draft.trigger, values: { ...draft.trigger.values, [name]: value } } })} />
        ))}
        <ReenrollmentField value={draft.reenrollment} errors={errors.reenrollment} onChange={(reenrollment) => setDraft({ ...draft, reenrollment })} />
      </section>
      <h2 className="section-title">Steps</h2>
      {errors.steps && <Alert tone="error">{errors.steps.join(' ')}</Alert>}
      <ol className="step-list">
        {draft.steps.map((step, index) => (
          <StepCard key={step.key} step={step} index={index} count={draft.steps.length} errors={errors}
            onChange={(s) => steps((all) => all.map((x, i) => (i === index ? s : x)))}
            onType={(type) => steps((all) => all.map((x, i) => (i === index ? changeStepType(x, type) : x)))}
            onMove={(by) => steps((all) => moveStep(all, index, by))}
            onRemove={() => steps((all) => removeStep(all, index))}
            onErrors={(found) => setErrors((all) => ({ ...Object.fromEntries(Object.entries(all).filter(([k]) => !k.startsWith(`steps[${index}].`))), ...found }))} />
        ))}
      </ol>
      <div className="add-step">
        <SelectField label="Add a step" options={stepKinds.map((k) => ({ value: k.type, label: k.label }))} value={adding}
          onChange={(e) => setAdding(e.target.value)} />
        <button type="button" className="button button-secondary" onClick={() => steps((all) => [...all, newStep(adding)])}>
          Add step
        </button>
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={saving}>
          {saving ? 'Saving…' : id ? 'Save new version' : 'Create workflow'}
        </button>
        <Link to="/workflows" className="button button-secondary">Cancel</Link>
      </div>
    </form>
  )
}
