// The admin's project form: create (name, rules, destination) or edit (also status, auto-ID and the
// de-identification options, drawn from the project's own option set so the form never drifts).
import type { TargetedEvent } from 'preact';
import { useRef, useState } from 'preact/hooks';
import type { ApiError } from '../api/client.js';
import { api } from '../api/client.js';
import type { Project } from '../api/types.js';
import { Field } from '../ui/field.js';
import { inputValue } from '../ui/page.js';
import { DeidFieldset, deidControls, type DeidControl } from './deid-options.js';

const STATUSES = ['development', 'active', 'archived', 'handed-over'] as const;
type Status = (typeof STATUSES)[number];
type AutoIdField = 'PatientID' | 'PatientName';

type TextField = 'name' | 'description' | 'principalInvestigator' | 'rekNumber' | 'startDate' | 'endDate' | 'participantPattern' | 'events' | 'aet' | 'host' | 'port' | 'autoIdPattern' | 'autoIdEvent';

function initial(project: Project | null): Record<TextField, string> {
  const rule = project?.autoIdRule ?? null;
  return {
    name: '',
    description: project?.description ?? '',
    principalInvestigator: project?.principalInvestigator ?? '',
    rekNumber: project?.rekNumber ?? '',
    startDate: project?.startDate ?? '',
    endDate: project?.endDate ?? '',
    participantPattern: project?.participantPattern ?? '',
    events: project?.events.join(', ') ?? '',
    aet: project?.destination.aet ?? '',
    host: project?.destination.host ?? '',
    port: project ? String(project.destination.port) : '',
    autoIdPattern: rule?.pattern ?? '',
    autoIdEvent: rule?.event ?? project?.events[0] ?? '',
  };
}

type Bind = (key: TextField) => { name: string; value: string; onInput: (e: TargetedEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) => void };

/** `project`: the project to edit, or null to create one. */
export function ProjectForm({ project, onSaved, onCancel }: { project: Project | null; onSaved: (p: Project) => void; onCancel: () => void }) {
  const editing = project !== null;
  const [v, setV] = useState(() => initial(project));
  const [status, setStatus] = useState<Status>(project?.status ?? 'development');
  const [autoIdField, setAutoIdField] = useState<AutoIdField>(project?.autoIdRule?.field ?? 'PatientID');
  const [deid, setDeid] = useState<DeidControl[]>(() => (project ? deidControls(project.deidOptions) : []));
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const hasAutoId = editing && 'autoIdRule' in project;
  const bind: Bind = (key) => ({ name: key, value: v[key], onInput: inputValue((value) => setV((prev) => ({ ...prev, [key]: value }))) });

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setError('');
    const text = (key: TextField) => (v[key].trim() === '' ? null : v[key].trim());
    const common = {
      description: text('description'),
      principalInvestigator: text('principalInvestigator'),
      rekNumber: text('rekNumber'),
      startDate: text('startDate'),
      endDate: text('endDate'),
      participantPattern: v.participantPattern.trim(),
      events: v.events.split(',').map((x) => x.trim()).filter(Boolean),
      destination: { aet: v.aet.trim(), host: v.host.trim(), port: Number(v.port) },
    };
    setBusy(true);
    try {
      const saved = editing
        ? await api.patch('/api/projects/{name}', {
            path: { name: project.name },
            body: {
              ...common,
              status,
              deidOptions: Object.fromEntries(deid.map((d) => [d.key, d.value])),
              ...(hasAutoId ? { autoIdRule: v.autoIdPattern.trim() ? { field: autoIdField, pattern: v.autoIdPattern.trim(), event: v.autoIdEvent } : null } : {}),
            },
          })
        : await api.post('/api/projects', { body: { ...common, name: v.name.trim() } });
      onSaved(saved);
    } catch (err) {
      const x = err as ApiError;
      setError(x.message);
      const target = x.field && form.current?.querySelector<HTMLElement>(`[name="${x.field.split('.').pop()}"]`);
      if (target) target.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form ref={form} class="card form-card" noValidate aria-label={editing ? `Edit project ${project.name}` : 'New project'} onSubmit={submit}>
      <h2>{editing ? 'Project settings' : 'New project'}</h2>
      <div class="form-grid">
        {editing ? null : (
          <Field label="Name" hint={'5–20 letters, digits, "-" or "_". It never changes.'}>
            <input {...bind('name')} required pattern="[A-Za-z0-9_-]{5,20}" autocapitalize="none" spellcheck={false} />
          </Field>
        )}
        <Field label="Principal investigator">
          <input {...bind('principalInvestigator')} />
        </Field>
        <div class="span-2">
          <Field label="Description">
            <textarea {...bind('description')} rows={2} />
          </Field>
        </div>
        <Field label="REK number" hint="Ethics approval">
          <input {...bind('rekNumber')} />
        </Field>
        <div class="pair">
          <Field label="Approved from">
            <input {...bind('startDate')} type="date" />
          </Field>
          <Field label="Approved until">
            <input {...bind('endDate')} type="date" />
          </Field>
        </div>
        <Field label="Participant ID pattern" hint="A regular expression every participant ID must match in full, e.g. abc\d{3}">
          <input {...bind('participantPattern')} required spellcheck={false} class="mono" />
        </Field>
        <Field label="Events" hint="Comma-separated, in order, e.g. baseline, followup. Events can be added, not removed.">
          <input {...bind('events')} required />
        </Field>
      </div>
      <DestinationFieldset bind={bind} />
      {editing ? (
        <div class="form-grid">
          <Field label="Status" hint="Archived projects take no new data.">
            <select name="status" value={status} onChange={(e) => setStatus(e.currentTarget.value as Status)}>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </Field>
        </div>
      ) : null}
      {hasAutoId ? <AutoIdFieldset bind={bind} field={autoIdField} onField={setAutoIdField} events={project.events} /> : null}
      {deid.length ? <DeidFieldset controls={deid} onChange={setDeid} /> : null}
      <p class="form-error" role="alert">
        {error}
      </p>
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {editing ? 'Save changes' : 'Create project'}
        </button>
        <button type="button" class="ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function DestinationFieldset({ bind }: { bind: Bind }) {
  return (
    <fieldset>
      <legend>Destination (research PACS)</legend>
      <div class="form-grid three">
        <Field label="AE title">
          <input {...bind('aet')} required maxLength={16} spellcheck={false} />
        </Field>
        <Field label="Host">
          <input {...bind('host')} required spellcheck={false} />
        </Field>
        <Field label="Port">
          <input {...bind('port')} required type="number" min={1} max={65535} />
        </Field>
      </div>
    </fieldset>
  );
}

function AutoIdFieldset({ bind, field, onField, events }: { bind: Bind; field: AutoIdField; onField: (f: AutoIdField) => void; events: string[] }) {
  return (
    <fieldset>
      <legend>Automatic assignment (auto-ID)</legend>
      <p class="hint">Studies whose incoming patient field matches this regular expression are assigned without a person; its capture group is the participant ID. Leave the pattern empty for none.</p>
      <div class="form-grid three">
        <Field label="Patient field">
          <select name="autoIdField" value={field} onChange={(e) => onField(e.currentTarget.value as AutoIdField)}>
            {['PatientID', 'PatientName'].map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Pattern">
          <input {...bind('autoIdPattern')} spellcheck={false} class="mono" placeholder="e.g. ^QA_(thx\d{3})$" />
        </Field>
        <Field label="Event for matches">
          <select {...bind('autoIdEvent')}>
            {events.map((ev) => (
              <option key={ev} value={ev}>
                {ev}
              </option>
            ))}
          </select>
        </Field>
      </div>
    </fieldset>
  );
}
