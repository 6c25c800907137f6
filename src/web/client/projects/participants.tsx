// A project's participants, and registering one (data managers and owners), checked against the
// project's rule as it is typed.
import { useEffect, useState } from 'preact/hooks';
import type { ApiError } from '../api/client.js';
import { api } from '../api/client.js';
import { may } from '../api/roles.js';
import type { Participant, Project, Session } from '../api/types.js';
import { Field } from '../ui/field.js';
import { dateTime, plural } from '../ui/format.js';
import { DataTable, Loading } from '../ui/page.js';
import { toast } from '../ui/toast.js';
import { exampleId, participantProblem } from './participant-rule.js';

export function ParticipantsSection({ session, project, reload }: { session: Session; project: Project; reload: () => void }) {
  const [list, setList] = useState<Participant[] | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    api.get('/api/projects/{name}/participants', { path: { name: project.name } }).then(setList, (err: ApiError) => setError(err.message));
  }, [project.name]);
  if (error) return <p class="muted">{error}</p>;
  if (!list) return <Loading />;
  return (
    <div>
      <p class="muted">{plural(list.length, 'participant')}</p>
      {list.length ? (
        <DataTable
          caption="Participants"
          rows={list}
          rowKey={(p) => p.id}
          columns={[
            { label: 'ID', value: (p) => p.id, class: 'mono' },
            { label: 'Group', value: (p) => p.dataAccessGroup ?? '—' },
            { label: 'Added', value: (p) => dateTime(p.createdAt) },
          ]}
        />
      ) : (
        <p class="empty-inline">No participants yet.</p>
      )}
      {may(session, project, 'participants:manage') ? <NewParticipantForm project={project} onAdded={reload} /> : null}
    </div>
  );
}

function NewParticipantForm({ project, onAdded }: { project: Project; onAdded: () => void }) {
  const [id, setId] = useState('');
  const [message, setMessage] = useState<string>('');
  const pattern = project.participantPattern;
  const example = exampleId(pattern);
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const problem = participantProblem(pattern, id);
    if (problem) {
      setMessage(problem);
      (e.currentTarget as HTMLFormElement).querySelector('input')?.focus();
      return;
    }
    try {
      await api.post('/api/projects/{name}/participants', { path: { name: project.name }, body: { id } });
      toast(`Participant ${id} added.`, 'ok');
      onAdded();
    } catch (err) {
      setMessage((err as ApiError).message);
    }
  };
  return (
    <form class="inline-form" noValidate onSubmit={submit}>
      <Field
        label="New participant ID"
        hint={
          <span>
            Must match <code>{pattern}</code>
            {example ? `, e.g. ${example}` : ''}
          </span>
        }
      >
        <input
          name="id"
          spellcheck={false}
          autocomplete="off"
          value={id}
          aria-invalid={message ? 'true' : undefined}
          onInput={(e) => {
            const value = e.currentTarget.value;
            setId(value);
            setMessage(value ? (participantProblem(pattern, value) ?? '') : '');
          }}
        />
      </Field>
      <p class={`field-msg${message ? ' bad' : ''}`} aria-live="polite">
        {message}
      </p>
      <button type="submit" class="secondary">
        Add participant
      </button>
    </form>
  );
}
