// An anonymised copy of an archived project (site admins): a new project with the data read back from the
// research PACS under new random participant IDs, UIDs and dates; nothing links the two. The copy runs
// while the page waits and answers with its counts.
import { useState } from 'preact/hooks';
import { api, type ApiError, type ApiResult } from '../api/client.js';
import type { Project } from '../api/types.js';
import { Field } from '../ui/field.js';
import { inputValue } from '../ui/page.js';
import { toast } from '../ui/toast.js';

type CopyResult = ApiResult<'/api/projects/{name}/anonymised-copy', 'post'>;

export function AnonymisedCopySection({ project }: { project: Project }) {
  const [newName, setNewName] = useState('');
  const [pattern, setPattern] = useState('');
  const [owner, setOwner] = useState('');
  const [status, setStatus] = useState<'active' | 'development'>('active');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<CopyResult | null>(null);
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setError('');
    if (!newName.trim()) return setError('Name the new project.');
    setBusy(true);
    try {
      const body = { newName: newName.trim(), status, ...(pattern.trim() ? { participantPattern: pattern.trim() } : {}), ...(owner.trim() ? { owner: owner.trim() } : {}) };
      const result = await api.post('/api/projects/{name}/anonymised-copy', { path: { name: project.name }, body });
      setDone(result);
      toast(`Anonymised copy ${result.project} made.`, 'ok');
    } catch (err) {
      setError((err as ApiError).message);
    } finally {
      setBusy(false);
    }
  };
  if (done)
    return (
      <p role="status">
        {`Copied into ${done.project} (${done.status}): ${done.participants} participants, ${done.studies} studies, ${done.instances} images${done.notFound ? `; ${done.notFound} studies were no longer in the research PACS` : ''}${done.refused.length ? `; ${done.refused.length} images refused` : ''}. `}
        <a href={`/projects/${encodeURIComponent(done.project)}`} data-link>
          Open {done.project}
        </a>
      </p>
    );
  return (
    <form class="stack-fields" aria-label="Make an anonymised copy" noValidate onSubmit={submit}>
      <p class="muted">
        A new project with this project's data under new random participant IDs, UIDs and dates. No coupling list is kept anywhere, so the copy cannot be linked back; the audit log says which project was copied.
      </p>
      <div class="two-col">
        <Field label="New project name" hint="5–20 letters, digits, - and _">
          <input value={newName} onInput={inputValue(setNewName)} />
        </Field>
        <Field label="Participant ID rule" hint="Optional; new IDs are drawn at random to match it (default C and 8 digits)">
          <input value={pattern} onInput={inputValue(setPattern)} placeholder="C\d{8}" />
        </Field>
        <Field label="Owner" hint="Optional: a username">
          <input value={owner} onInput={inputValue(setOwner)} />
        </Field>
        <Field label="Status of the copy">
          <select value={status} onChange={(e) => setStatus(e.currentTarget.value as 'active' | 'development')}>
            <option value="active">active</option>
            <option value="development">development</option>
          </select>
        </Field>
      </div>
      <p class="form-error" role="alert">
        {error}
      </p>
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Copying…' : 'Make the anonymised copy'}
        </button>
      </div>
    </form>
  );
}
