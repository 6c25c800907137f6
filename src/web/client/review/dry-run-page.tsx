// The dry run (issue 10 item 2) in the browser: pick a study of the quarantine (one of the project's
// transfers, or any study by its UID with the participant and event to de-identify for), run it, and see per
// instance the verifier's verdict, the pixel stage's masks and every tag before, after and what happened.
// The before column is the source's identifying data: the server answers data managers and owners only
// (viewers and data entry get 403) and audits every run.
import { useEffect, useState } from 'preact/hooks';
import { api, type ApiError } from '../api/client.js';
import type { DryRun, Transfer } from '../api/types.js';
import type { PageProps } from '../pages.js';
import { plural } from '../ui/format.js';
import { DataTable, inputValue, PageHeading } from '../ui/page.js';

/** The verdict as the route declares it (a discriminated union the generated schema leaves untyped). */
type Verdict = { kind: 'clean' } | { kind: 'refused'; code: string; reason: string } | { kind: 'held-for-pixel-review'; reason: string } | { kind: 'error'; reason: string };
const verdictOf = (i: DryRun['instances'][number]) => i.verdict as Verdict;

function verdictText(v: Verdict): string {
  if (v.kind === 'clean') return 'clean: would be sent';
  if (v.kind === 'refused') return `refused (${v.code}): ${v.reason}`;
  if (v.kind === 'held-for-pixel-review') return `held for pixel review: ${v.reason}`;
  return `error: ${v.reason}`;
}

export function DryRunPage({ params }: PageProps) {
  const project = params[0];
  const [transfers, setTransfers] = useState<Transfer[]>([]);
  const [study, setStudy] = useState('');
  const [participant, setParticipant] = useState('');
  const [event, setEvent] = useState('');
  const [result, setResult] = useState<DryRun | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [changedOnly, setChangedOnly] = useState(false);

  useEffect(() => {
    api.get('/api/transfers', { query: { project, limit: 200 } }).then(
      (list) => {
        setTransfers(list);
        setStudy((s) => s || (list[0]?.studyInstanceUid ?? ''));
      },
      () => undefined, // the UID field still works
    );
  }, [project]);

  const run = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setResult(null);
    try {
      const body = { studyInstanceUid: study.trim(), ...(participant ? { participant } : {}), ...(event ? { event } : {}) };
      setResult(await api.post('/api/projects/{name}/dry-run', { path: { name: project }, body }));
      setError('');
    } catch (err) {
      const e = err as ApiError;
      setError(e.status === 403 ? 'Only the project’s data managers and owners run dry runs: they show the source values.' : e.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="page">
      <div class="page-head">
        <div>
          <PageHeading>{`Dry run · ${project}`}</PageHeading>
          <p class="muted">De-identifies a study of the quarantine for the project as its transfer would, and sends nothing.</p>
        </div>
        <a class="button ghost" href={`/review?project=${encodeURIComponent(project)}`}>
          Back to Review
        </a>
      </div>
      <form class="card form-card" onSubmit={(e) => void run(e)}>
        <div class="toolbar">
          <div class="search-field">
            <label for="dry-run-transfer">Study of a transfer</label>
            <select id="dry-run-transfer" value={transfers.some((t) => t.studyInstanceUid === study) ? study : ''} onChange={inputValue(setStudy)}>
              <option value="">(another study)</option>
              {transfers.map((t) => (
                <option key={t.id} value={t.studyInstanceUid}>
                  {`${t.participant} · ${t.event} (${t.status})`}
                </option>
              ))}
            </select>
          </div>
          <div class="search-field">
            <label for="dry-run-study">Study Instance UID</label>
            <input id="dry-run-study" class="mono" required value={study} onInput={inputValue(setStudy)} />
          </div>
          <div class="search-field">
            <label for="dry-run-participant">Participant (if not assigned)</label>
            <input id="dry-run-participant" value={participant} onInput={inputValue(setParticipant)} />
          </div>
          <div class="search-field">
            <label for="dry-run-event">Event (if not assigned)</label>
            <input id="dry-run-event" value={event} onInput={inputValue(setEvent)} />
          </div>
          <button type="submit" class="primary" disabled={busy || !study.trim()}>
            {busy ? 'Running…' : 'Run dry run'}
          </button>
        </div>
      </form>
      {error ? (
        <p class="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {result ? (
        <>
          <p aria-live="polite">
            {`De-identified for ${result.participant} · ${result.event}: ${plural(result.instances.length, 'instance')}${result.instancesInStudy > result.instances.length ? ` of ${result.instancesInStudy} (the first ${result.instanceCap})` : ''}; ${result.instances.filter((i) => verdictOf(i).kind === 'clean').length} clean.`}
          </p>
          <label class="checkbox">
            <input type="checkbox" checked={changedOnly} onChange={(e) => setChangedOnly((e.target as HTMLInputElement).checked)} /> Only tags that change
          </label>
          {result.instances.map((i) => (
            <section key={i.sopInstanceUid} class="card section dry-run-instance" aria-label={`Instance ${i.sopInstanceUid}`}>
              <h2 class="mono small-text">{i.sopInstanceUid}</h2>
              <p class={verdictOf(i).kind === 'clean' ? 'verdict-clean' : 'verdict-refused'}>{`Verdict: ${verdictText(verdictOf(i))}`}</p>
              <p class="muted">{i.pixels ? `Pixels: ${i.pixels.outcome === 'clean' ? `cleaned, ${plural(i.pixels.masks, 'mask')}` : 'no burned-in text found, unchanged'}` : 'Pixels: not examined (Clean Pixel Data off, or the instance did not get that far).'}</p>
              {i.pixels?.rects.length ? (
                <ul class="mask-list" aria-label={`Pixel masks of instance ${i.sopInstanceUid}`}>
                  {i.pixels.rects.map((m, n) => (
                    <li key={n} class="mono small-text">{`frame ${m.frame + 1}: ${m.width} × ${m.height} at (${m.x}, ${m.y}) — ${m.reason}`}</li>
                  ))}
                </ul>
              ) : null}
              <DataTable
                caption={`Tags of instance ${i.sopInstanceUid}, before and after`}
                rowKey={(t) => t.path}
                rows={changedOnly ? i.tags.filter((t) => t.action !== 'kept') : i.tags}
                columns={[
                  { label: 'Tag path', value: (t) => <span class="mono">{t.path}</span> },
                  { label: 'Name', value: (t) => t.name },
                  { label: 'VR', value: (t) => t.vr },
                  { label: 'Before', value: (t) => <span class="mono small">{t.before ?? '—'}</span> },
                  { label: 'After', value: (t) => <span class="mono small">{t.after ?? '—'}</span> },
                  { label: 'Action', value: (t) => <span class={`tag action-${t.action}`}>{t.action}</span> },
                ]}
              />
            </section>
          ))}
        </>
      ) : null}
    </section>
  );
}
