// Refused instances of a project (issue 10 item 3), per study: where the de-identification met something it
// could not clean (tag paths) and why, never the value. A data manager excludes an instance, takes a private
// tag off the allow-list (or puts one on), or changes a de-identification option, then resends the study.
import { useEffect, useState } from 'preact/hooks';
import { api, type ApiError } from '../api/client.js';
import type { Refusal, RefusalDecision, RefusalStudy } from '../api/types.js';
import { plural } from '../ui/format.js';
import { inputValue, StatusBadge } from '../ui/page.js';
import { toast } from '../ui/toast.js';

/** The boolean de-identification options a decision may change (the others are labels and modes). */
const OPTIONS = ['keepOverlays', 'dropPresentationStates', 'retainSafePrivate', 'cleanPixelData', 'preserveWeekday', 'fionaCompat'] as const;

function decisionText(r: Refusal): string {
  const d = r.decision;
  if (!d) return 'waits for a decision';
  const by = r.decidedBy ? ` by ${r.decidedBy}` : '';
  const what = d.kind === 'exclude' ? 'excluded' : d.kind === 'private-tag' ? `${d.privateTag} ${d.allow ? 'allow-listed' : 'taken off the allow-list'}` : `options changed (${Object.entries(d.changes).map(([k, v]) => `${k}: ${String(v)}`).join(', ')})`;
  return `${what}${by}${r.status === 'decided' ? '; resend to apply' : ''}${r.status === 'resolved' ? '; sent since' : ''}`;
}

export function Refusals({ project }: { project: string }) {
  const [data, setData] = useState<{ open: number; studies: RefusalStudy[] } | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const load = async () => {
    try {
      setData(await api.get('/api/projects/{name}/review/refusals', { path: { name: project } }));
      setError('');
    } catch (err) {
      setError((err as Error).message);
    }
  };
  useEffect(() => void load(), [project]);

  const act = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await work();
      toast(done, 'ok');
      await load();
    } catch (err) {
      setError((err as ApiError).message);
    } finally {
      setBusy(false);
    }
  };
  const decide = (r: Refusal, decision: RefusalDecision, done: string) =>
    act(() => api.post('/api/projects/{name}/review/refusals/{id}/decision', { path: { name: project, id: r.id }, body: { decision } }), done);
  const decideStudy = (s: RefusalStudy, decision: RefusalDecision, done: string) =>
    act(() => api.post('/api/projects/{name}/review/refusals/studies/{study}/decision', { path: { name: project, study: s.studyInstanceUid }, body: { decision } }), done);
  const resend = (s: RefusalStudy) => act(() => api.post('/api/projects/{name}/review/refusals/resend', { path: { name: project }, body: { studyInstanceUid: s.studyInstanceUid } }), 'Sent again: the refused instances are de-identified under the new rules.');

  return (
    <section class="card section refusals" aria-labelledby="refusals-title">
      <h2 id="refusals-title">Refused instances</h2>
      {error ? (
        <p class="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {data === null ? null : data.studies.length === 0 ? (
        <p class="empty-inline">Nothing refused waits in {project}.</p>
      ) : (
        <>
          <p class="muted" aria-live="polite">
            {`${plural(data.open, 'instance')} ${data.open === 1 ? 'waits' : 'wait'} for a decision in ${plural(data.studies.length, 'study', 'studies')}.`}
          </p>
          {data.studies.map((s) => (
            <StudyRefusals key={s.studyInstanceUid} study={s} busy={busy} onDecide={decide} onDecideStudy={decideStudy} onResend={resend} />
          ))}
        </>
      )}
    </section>
  );
}

function StudyRefusals({ study: s, busy, onDecide, onDecideStudy, onResend }: { study: RefusalStudy; busy: boolean; onDecide: (r: Refusal, d: RefusalDecision, done: string) => Promise<void>; onDecideStudy: (s: RefusalStudy, d: RefusalDecision, done: string) => Promise<void>; onResend: (s: RefusalStudy) => Promise<void> }) {
  const [option, setOption] = useState<string>(OPTIONS[0]);
  const [value, setValue] = useState('true');
  const [privateTag, setPrivateTag] = useState('');
  const who = s.participant ? `${s.participant} · ${s.event ?? ''}` : s.studyInstanceUid;
  const label = `study of ${who}`;
  return (
    <div class="refusal-study" aria-label={`Refusals in the ${label}`} role="group">
      <h3>
        {who} <span class="muted small-text">{`${plural(s.refusals.length, 'refused instance')}: ${s.open} open, ${s.decided} decided`}</span>{' '}
        {s.transferStatus ? <StatusBadge status={s.transferStatus as 'review'} /> : null}
      </h3>
      <div class="table-wrap">
        <table class="data-table stack">
          <caption class="visually-hidden">{`Refused instances of the ${label}`}</caption>
          <thead>
            <tr>
              <th scope="col">Instance</th>
              <th scope="col">Tag path</th>
              <th scope="col">Reason</th>
              <th scope="col">Decision</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {s.refusals.map((r) => (
              <tr key={r.id} class="refusal-row">
                <td data-label="Instance">
                  <span class="mono small-text">{r.sopInstanceUid}</span>
                </td>
                <td data-label="Tag path">
                  {r.places.length
                    ? r.places.map((p) => (
                        <div key={p.tagPath}>
                          <span class="mono">{p.tagPath}</span>
                          {p.privateTag ? <span class="muted small-text">{` private: ${p.privateTag}`}</span> : null}
                        </div>
                      ))
                    : <span class="muted">{r.code}</span>}
                </td>
                <td data-label="Reason">{r.reason}</td>
                <td data-label="Decision">{decisionText(r)}</td>
                <td class="actions-cell">
                  {r.status === 'open' || r.status === 'decided' ? (
                    <div class="refusal-buttons">
                      <button type="button" class="ghost small" disabled={busy} aria-label={`Exclude instance ${r.sopInstanceUid}`} onClick={() => void onDecide(r, { kind: 'exclude' }, 'The instance is excluded from the project.')}>
                        Exclude
                      </button>
                      {r.places
                        .filter((p) => p.privateTag)
                        .map((p) => (
                          <button key={p.privateTag} type="button" class="ghost small" disabled={busy} aria-label={`Take ${p.privateTag} off the allow-list`} onClick={() => void onDecide(r, { kind: 'private-tag', privateTag: p.privateTag!, allow: false }, `${p.privateTag} is off the allow-list.`)}>
                            Off the allow-list
                          </button>
                        ))}
                    </div>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div class="toolbar refusal-actions">
        <div class="search-field">
          <label for={`opt-${s.studyInstanceUid}`}>Option</label>
          <select id={`opt-${s.studyInstanceUid}`} value={option} onChange={inputValue(setOption)}>
            {OPTIONS.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        </div>
        <div class="search-field">
          <label for={`val-${s.studyInstanceUid}`}>Value</label>
          <select id={`val-${s.studyInstanceUid}`} value={value} onChange={inputValue(setValue)}>
            <option value="true">on</option>
            <option value="false">off</option>
          </select>
        </div>
        <button type="button" disabled={busy || s.open + s.decided === 0} onClick={() => void onDecideStudy(s, { kind: 'option', changes: { [option]: value === 'true' } }, `${option} is now ${value === 'true' ? 'on' : 'off'} for the project.`)}>
          Change option
        </button>
        <div class="search-field">
          <label for={`pt-${s.studyInstanceUid}`}>Private tag (gggg,CREATOR,ee)</label>
          <input id={`pt-${s.studyInstanceUid}`} value={privateTag} onChange={inputValue(setPrivateTag)} placeholder="0029,SIEMENS CSA HEADER,10" />
        </div>
        <button type="button" disabled={busy || !privateTag || s.open + s.decided === 0} onClick={() => void onDecideStudy(s, { kind: 'private-tag', privateTag, allow: true }, `${privateTag} is on the allow-list.`)}>
          Allow-list
        </button>
        <button type="button" class="ghost" disabled={busy || s.open + s.decided === 0} onClick={() => void onDecideStudy(s, { kind: 'exclude' }, 'The refused instances of the study are excluded.')}>
          Exclude all
        </button>
        <button type="button" class="primary" disabled={busy} onClick={() => void onResend(s)}>
          Resend study
        </button>
      </div>
    </div>
  );
}
