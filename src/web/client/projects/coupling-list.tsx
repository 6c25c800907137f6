// A project's coupling list, for owners and data managers: upload a CSV of accession number ->
// participant (and event), see plainly what was imported, which lines were refused and why, and which
// studies were assigned at once; below, the list as it stands, with each entry used or not yet.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiError } from '../api/client.js';
import { api } from '../api/client.js';
import type { CouplingEntry, CouplingUpload, Project } from '../api/types.js';
import { Field } from '../ui/field.js';
import { dateTime, plural } from '../ui/format.js';
import { Loading } from '../ui/page.js';
import { toast } from '../ui/toast.js';
import { CouplingFormatHelp, CouplingUploadResult } from './coupling-upload-result.js';

const MAX_BYTES = 16 * 1024 * 1024; // the server's limit
const PAGE = 1000; // entries per request (the server's default page)

const newestFirst = (a: CouplingEntry, b: CouplingEntry) => (b.uploadedAt ?? '').localeCompare(a.uploadedAt ?? '') || a.accessionNumber.localeCompare(b.accessionNumber);

/** The "Coupling list" section of a project's page (only for those who may manage participants). */
export function CouplingListSection({ project }: { project: Project }) {
  const name = project.name;
  const [entries, setEntries] = useState<CouplingEntry[] | null>(null);
  const [listError, setListError] = useState('');
  const [uploaded, setUploaded] = useState<{ fileName: string; result: CouplingUpload } | null>(null);
  const [filter, setFilter] = useState('');
  const [more, setMore] = useState(false);
  /** The first page, or the next one after what is shown (the server sends the list in pages, in accession order). */
  const load = async (after?: string) => {
    try {
      const page = await api.get('/api/projects/{name}/coupling-list', { path: { name }, query: { limit: PAGE, ...(after ? { after } : {}) } });
      setMore(page.length === PAGE);
      setEntries((before) => [...(after ? (before ?? []) : []), ...page].sort(newestFirst));
    } catch (err) {
      setListError((err as ApiError).message);
    }
  };
  const loadMore = () => void load(all.reduce((last, e) => (e.accessionNumber > last ? e.accessionNumber : last), ''));
  useEffect(() => void load(), [name]);
  useEffect(() => {
    if (uploaded) document.querySelector<HTMLElement>('.upload-result h3')?.focus();
  }, [uploaded]);

  const all = entries ?? [];
  const q = filter.trim().toLowerCase();
  const shown = q ? all.filter((e) => e.accessionNumber.toLowerCase().includes(q) || e.participant.toLowerCase().includes(q)) : all;
  const used = all.filter((e) => e.usedAt).length;

  return (
    <section class="card section coupling" aria-labelledby="sec-coupling-list">
      <h2 id="sec-coupling-list">Coupling list</h2>
      <p class="muted section-lead">Say in advance which participant a study belongs to. Studies whose accession number is on the list are assigned automatically, whether they are in the quarantine now or arrive later.</p>
      <div class="coupling-grid">
        <UploadForm
          project={name}
          onUploaded={async (fileName, result) => {
            setUploaded({ fileName, result });
            await load();
          }}
        />
        <CouplingFormatHelp project={project} />
      </div>
      <div aria-live="polite">{uploaded ? <CouplingUploadResult fileName={uploaded.fileName} result={uploaded.result} /> : null}</div>
      <div class="list-head coupling-head">
        <h3>Current list</h3>
        <span class="list-count">{all.length ? `${plural(all.length, 'entry', 'entries')}${more ? ' shown' : ''}, ${used} used` : ''}</span>
      </div>
      <div class="coupling-filter" hidden={all.length < 8}>
        <Field label="Find in the list">
          <input type="search" name="couplingFilter" autocomplete="off" spellcheck={false} placeholder="Accession or participant" value={filter} onInput={(e) => setFilter(e.currentTarget.value)} />
        </Field>
      </div>
      <div>
        {listError ? (
          <p class="form-error">{listError}</p>
        ) : !entries ? (
          <Loading />
        ) : all.length === 0 ? (
          <p class="empty-inline">The list is empty. Upload a CSV file to start it.</p>
        ) : shown.length === 0 ? (
          <p class="empty-inline">{`No entry matches "${filter.trim()}".`}</p>
        ) : (
          <EntriesTable entries={shown} />
        )}
        {more ? (
          <p>
            <button type="button" class="secondary" onClick={loadMore}>
              Show the next {PAGE} entries
            </button>
          </p>
        ) : null}
      </div>
    </section>
  );
}

function UploadForm({ project, onUploaded }: { project: string; onUploaded: (fileName: string, result: CouplingUpload) => Promise<void> }) {
  const file = useRef<HTMLInputElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setError('');
    const chosen = file.current?.files?.[0];
    if (!chosen) {
      setError('Choose a CSV file first.');
      file.current?.focus();
      return;
    }
    if (chosen.size > MAX_BYTES) {
      setError(`${chosen.name} is larger than 5 MB. Split it into smaller files.`);
      file.current?.focus();
      return;
    }
    setBusy(true);
    try {
      const result = await api.postText('/api/projects/{name}/coupling-list', { path: { name: project } }, await chosen.text(), 'text/csv');
      toast(`Coupling list: ${result.imported} imported, ${result.rejected} rejected.`, result.rejected ? 'warn' : 'ok');
      form.current?.reset();
      await onUploaded(chosen.name, result);
    } catch (err) {
      setError((err as ApiError).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form ref={form} class="upload-form" noValidate aria-label="Upload a coupling list" onSubmit={submit}>
      <Field label="Coupling list (CSV)" hint="A .csv file exported from your spreadsheet, up to 5 MB. Entries already on the list are kept; a line for the same accession number and participant is taken once.">
        <input ref={file} type="file" name="couplingList" accept=".csv,.txt,text/csv,text/plain" />
      </Field>
      <p class="form-error" role="alert">
        {error}
      </p>
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Uploading…' : 'Upload'}
        </button>
      </div>
    </form>
  );
}

function EntriesTable({ entries }: { entries: CouplingEntry[] }) {
  return (
    <div class="table-wrap">
      <table class="data-table stack">
        <caption class="visually-hidden">Coupling list</caption>
        <thead>
          <tr>
            {['Accession', 'Participant', 'Event', 'Used', 'Uploaded'].map((c) => (
              <th scope="col" key={c}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={`${e.accessionNumber}\n${e.participant}`}>
              <td data-label="Accession">
                <span class="accession">{e.accessionNumber}</span>
              </td>
              <td data-label="Participant">
                <span class="mono">{e.participant}</span>
              </td>
              <td data-label="Event">{e.event}</td>
              <td data-label="Used">
                {e.usedAt ? (
                  <div>
                    <span class="status status-done">used</span>
                    <span class="small-text muted block">{dateTime(e.usedAt)}</span>
                  </div>
                ) : (
                  <span class="status status-queued">not yet</span>
                )}
              </td>
              <td data-label="Uploaded">
                <span>
                  {dateTime(e.uploadedAt)}
                  {e.uploadedBy ? <span class="muted">{` by ${e.uploadedBy}`}</span> : null}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
