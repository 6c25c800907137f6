// Birth year in exports (site admins): approve the project with the approval's reference, or stop it (which
// forgets every birth year kept for its participants). Both are audited by the server.
import { useState } from 'preact/hooks';
import { api, type ApiError } from '../api/client.js';
import type { Project } from '../api/types.js';
import { Field } from '../ui/field.js';
import { inputValue } from '../ui/page.js';
import { toast } from '../ui/toast.js';

export function BirthYearSection({ project, reload }: { project: Project; reload: () => void }) {
  const approved = project.birthYearInExport;
  const [approval, setApproval] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const send = async (enabled: boolean) => {
    setError('');
    if (enabled && !approval.trim()) return setError('Give the approval that allows birth years in exports, e.g. its REK reference.');
    if (!enabled && !window.confirm(`Stop birth years in ${project.name}'s exports? Every birth year kept for its participants is forgotten.`)) return;
    setBusy(true);
    try {
      await api.put('/api/projects/{name}/birth-year-export', { path: { name: project.name }, body: enabled ? { enabled, approval: approval.trim() } : { enabled } });
      toast(enabled ? 'Birth years allowed in exports.' : 'Birth years in exports stopped.', 'ok');
      setApproval('');
      reload();
    } catch (err) {
      setError((err as ApiError).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="stack-fields" aria-label="Birth year in exports" noValidate onSubmit={(e) => { e.preventDefault(); void send(true); }}>
      <p class="muted">
        {approved
          ? `Allowed (approval ${approved.approval}, by ${approved.setBy ?? 'unknown'} on ${approved.setAt.slice(0, 10)}). Each assignment keeps the participant's birth year (never the date); exports may write it back with the Birth year transform.`
          : 'Not allowed. When allowed, each assignment keeps the participant\'s birth year (never the date) and exports may write it back (PatientBirthDate as YYYY0101).'}
      </p>
      {approved ? null : (
        <Field label="Approval" hint="The approval that allows birth years to leave, e.g. REK 2024/12345">
          <input value={approval} onInput={inputValue(setApproval)} />
        </Field>
      )}
      <p class="form-error" role="alert">
        {error}
      </p>
      <div class="actions">
        {approved ? (
          <button type="button" class="secondary" disabled={busy} onClick={() => void send(false)}>
            Stop birth years in exports
          </button>
        ) : (
          <button type="submit" class="primary" disabled={busy}>
            Allow birth years in exports
          </button>
        )}
      </div>
    </form>
  );
}
