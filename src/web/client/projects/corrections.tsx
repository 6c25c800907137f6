// Corrections on a project's page: the project's corrections with their state, and (for members who may
// delete the project's data: data managers, owners) a form to ask for one — another participant or event
// for an assigned study, or its removal — with a reason. Someone else decides (four eyes): an owner or site
// admin, on the Requests page; the server refuses the person who asked.
import { useEffect, useState } from 'preact/hooks';
import { api, type ApiError } from '../api/client.js';
import { may } from '../api/roles.js';
import type { Correction, Project, Session, Transfer } from '../api/types.js';
import { dateTime } from '../ui/format.js';
import { Field } from '../ui/field.js';
import { DataTable, inputValue, Loading } from '../ui/page.js';
import { toast } from '../ui/toast.js';

const where = (t: { participant: string; event: string } | null) => (t ? `${t.participant} · ${t.event}` : 'removed from the project');

function CorrectionForm({ project, studies, onSent }: { project: Project; studies: Transfer[]; onSent: () => Promise<void> }) {
  const [study, setStudy] = useState('');
  const [participant, setParticipant] = useState('');
  const [event, setEvent] = useState('');
  const [remove, setRemove] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const current = studies.find((s) => s.studyInstanceUid === study);
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setError('');
    if (!current) return setError('Choose the study to correct.');
    if (!reason.trim()) return setError('Say why the study must be corrected.');
    const body = remove ? { studyInstanceUid: study, remove: true, reason } : { studyInstanceUid: study, reason, ...(participant ? { participant } : {}), ...(event ? { event } : {}) };
    setBusy(true);
    try {
      await api.post('/api/projects/{name}/corrections', { path: { name: project.name }, body });
      toast('Correction asked for: an owner or site admin decides.', 'ok');
      setStudy('');
      setParticipant('');
      setEvent('');
      setRemove(false);
      setReason('');
      await onSent();
    } catch (err) {
      setError((err as ApiError).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="stack-fields" aria-label="Ask for a correction" noValidate onSubmit={submit}>
      <h3>Ask for a correction</h3>
      <Field label="Study" hint="An assigned study, as it was assigned">
        <select value={study} onChange={(e) => setStudy(e.currentTarget.value)}>
          <option value="">Choose a study</option>
          {studies.map((s) => (
            <option key={s.studyInstanceUid} value={s.studyInstanceUid}>
              {`${s.participant} · ${s.event}${s.modalities.length ? ` · ${s.modalities.join(', ')}` : ''} · ${s.studyInstanceUid}`}
            </option>
          ))}
        </select>
      </Field>
      <label class="check">
        <input type="checkbox" checked={remove} onChange={(e) => setRemove(e.currentTarget.checked)} /> Remove the study from the project
      </label>
      {remove ? null : (
        <div class="two-col">
          <Field label="New participant" hint={current ? `Now ${current.participant}; IDs must match ${project.participantPattern}` : 'Leave empty to keep it'}>
            <input value={participant} onInput={inputValue(setParticipant)} />
          </Field>
          <Field label="New event" hint={current ? `Now ${current.event}` : 'Leave as it is to keep it'}>
            <select value={event} onChange={(e) => setEvent(e.currentTarget.value)}>
              <option value="">Keep the event</option>
              {project.events.map((ev) => (
                <option key={ev} value={ev}>
                  {ev}
                </option>
              ))}
            </select>
          </Field>
        </div>
      )}
      <Field label="Reason">
        <textarea rows={2} value={reason} onInput={inputValue(setReason)} />
      </Field>
      <p class="form-error" role="alert">
        {error}
      </p>
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Sending…' : 'Ask for the correction'}
        </button>
      </div>
    </form>
  );
}

export function CorrectionsSection({ session, project }: { session: Session; project: Project }) {
  const [corrections, setCorrections] = useState<Correction[] | null>(null);
  const [studies, setStudies] = useState<Transfer[]>([]);
  const [error, setError] = useState('');
  const canAsk = may(session, project, 'data:delete') && (project.status === 'development' || project.status === 'active');
  const canDecide = session.user.isAdmin || project.myRole === 'owner';
  const load = async () => {
    try {
      setCorrections(await api.get('/api/projects/{name}/corrections', { path: { name: project.name } }));
      if (canAsk) {
        const transfers = await api.get('/api/transfers', { query: { project: project.name } });
        const seen = new Set<string>();
        setStudies(transfers.filter((t) => !seen.has(t.studyInstanceUid) && seen.add(t.studyInstanceUid)));
      }
    } catch (err) {
      setError((err as ApiError).message);
    }
  };
  useEffect(() => void load(), [project.name]);
  if (error) return <p class="muted">{error}</p>;
  if (!corrections) return <Loading />;
  const waiting = corrections.filter((c) => c.status === 'pending' && c.requestedBy !== session.user.username).length;
  return (
    <div class="stack-fields">
      <p class="muted">
        A study assigned to the wrong participant or event is corrected by two people: one asks, with a reason; an owner or site admin other than them decides
        {canDecide && waiting > 0 ? (
          <>
            {' '}
            — <a href="/requests" data-link>{`${waiting} ${waiting === 1 ? 'correction waits' : 'corrections wait'} for you on Requests`}</a>
          </>
        ) : null}
        . On approval the wrong copy is deleted from the research PACS and the study is sent again.
      </p>
      {corrections.length === 0 ? (
        <p class="empty-inline">No corrections yet.</p>
      ) : (
        <DataTable
          caption="Corrections"
          rows={corrections}
          rowKey={(c) => c.id}
          columns={[
            { label: 'Study', value: (c) => c.studyInstanceUid, class: 'mono' },
            { label: 'From', value: (c) => where(c.from) },
            { label: 'To', value: (c) => where(c.to) },
            { label: 'Reason', value: (c) => c.reason },
            { label: 'Asked by', value: (c) => `${c.requestedBy}, ${dateTime(c.requestedAt)}` },
            { label: 'State', value: (c) => (c.status === 'pending' ? 'waits for a decision' : `${c.status} by ${c.decidedBy ?? '?'}${c.decisionReason ? ` (${c.decisionReason})` : ''}`) },
          ]}
        />
      )}
      {canAsk ? studies.length ? <CorrectionForm project={project} studies={studies} onSent={load} /> : <p class="muted">No study is assigned to this project yet.</p> : null}
    </div>
  );
}
