// Apply for a new project: the form (name, ethics approval and its period, PI, description, modalities,
// volume, participant-ID pattern, events, the end-user agreement) and the state of your applications.
import { useEffect, useState } from 'preact/hooks';
import { api, type ApiError } from '../api/client.js';
import type { Application } from '../api/types.js';
import type { PageProps } from '../pages.js';
import { dateTime } from '../ui/format.js';
import { Field } from '../ui/field.js';
import { DataTable, inputValue, PageHeading, Section } from '../ui/page.js';

const EMPTY = { name: '', rekNumber: '', startDate: '', endDate: '', principalInvestigator: '', description: '', modalities: 'MR', expectedVolume: '', participantPattern: '', events: 'baseline', agreementAccepted: false };
type Form = typeof EMPTY;
const list = (text: string) => text.split(',').map((x) => x.trim()).filter(Boolean);

export function ApplyPage(_: PageProps) {
  const [f, setF] = useState<Form>(EMPTY);
  const [error, setError] = useState('');
  const [mine, setMine] = useState<Application[]>([]);
  const load = async () => setMine(await api.get('/api/applications'));
  useEffect(() => void load(), []);
  const set = (key: Exclude<keyof Form, 'agreementAccepted'>) => inputValue((value) => setF((prev) => ({ ...prev, [key]: value })));

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setError('');
    try {
      await api.post('/api/applications', { body: { ...f, modalities: list(f.modalities.toUpperCase()), events: list(f.events) } });
      setF(EMPTY);
      await load();
    } catch (err) {
      const apiError = err as ApiError;
      setError(apiError.message);
      if (apiError.field) document.querySelector<HTMLElement>(`[name="${apiError.field.replace(/\[.*$/, '')}"]`)?.focus();
    }
  };

  return (
    <section class="page apply">
      <div class="page-head">
        <PageHeading>Apply for a project</PageHeading>
      </div>
      <form class="card form-card" noValidate aria-labelledby="apply-title" onSubmit={submit}>
        <h2 id="apply-title">New project</h2>
        <div class="form-grid">
          <Field label="Project name" hint="5-20 letters, digits, - and _">
            <input name="name" value={f.name} onInput={set('name')} />
          </Field>
          <Field label="Ethics approval (REK) number">
            <input name="rekNumber" value={f.rekNumber} onInput={set('rekNumber')} />
          </Field>
          <Field label="Approval from">
            <input name="startDate" type="date" value={f.startDate} onInput={set('startDate')} />
          </Field>
          <Field label="Approval until">
            <input name="endDate" type="date" value={f.endDate} onInput={set('endDate')} />
          </Field>
          <Field label="Principal investigator">
            <input name="principalInvestigator" value={f.principalInvestigator} onInput={set('principalInvestigator')} />
          </Field>
          <Field label="Modalities" hint="Comma-separated, e.g. MR, CT">
            <input name="modalities" value={f.modalities} onInput={set('modalities')} />
          </Field>
          <Field label="Expected volume" hint="e.g. 200 participants, 2 MR each">
            <input name="expectedVolume" value={f.expectedVolume} onInput={set('expectedVolume')} />
          </Field>
          <Field label="Participant ID pattern" hint="A regular expression, e.g. ABC-\d{3}">
            <input name="participantPattern" spellcheck={false} value={f.participantPattern} onInput={set('participantPattern')} />
          </Field>
          <Field label="Events" hint="Comma-separated, in order">
            <input name="events" value={f.events} onInput={set('events')} />
          </Field>
          <Field label="Description" class="wide">
            <textarea name="description" rows={3} value={f.description} onInput={set('description')} />
          </Field>
          <label class="check">
            <input type="checkbox" name="agreementAccepted" checked={f.agreementAccepted} onChange={(e) => setF((prev) => ({ ...prev, agreementAccepted: e.currentTarget.checked }))} />I accept the end-user agreement
          </label>
        </div>
        <p class="form-error" role="alert">
          {error}
        </p>
        <div class="actions">
          <button type="submit" class="primary">
            Apply
          </button>
        </div>
      </form>
      <Section title="Your applications">
        {mine.length === 0 ? (
          <p class="muted">None yet.</p>
        ) : (
          <DataTable
            caption="Your applications"
            rows={mine}
            rowKey={(a) => a.id}
            columns={[
              { label: 'Project', value: (a) => a.form.name },
              { label: 'Status', value: (a) => a.status },
              { label: 'Reason', value: (a) => a.reason ?? '' },
              { label: 'Decided', value: (a) => (a.decidedAt ? `${dateTime(a.decidedAt)} by ${a.decidedBy ?? ''}` : '') },
            ]}
          />
        )}
      </Section>
    </section>
  );
}
