// The export request form: project, format, layout (the project's saved one by default), filters and
// transforms (the birth year only where a site admin approved the project for it), an SFTP outbox to deliver to where the project has one, with a preview of the first 20 paths
// before anything runs. Errors name the field to fix.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, type ApiError } from '../api/client.js';
import { Field } from '../ui/field.js';
import { inputValue } from '../ui/page.js';
import { toast } from '../ui/toast.js';

export const DEFAULT_LAYOUT = '{participant}/{event}/{modality}/{seriesNumber}_{seriesDescription}/{instanceNumber}.dcm';
const FORMATS = [['zip', 'DICOM (zip)'], ['nifti', 'NIfTI (dcm2niix)'], ['both', 'Both']] as const;
type Format = (typeof FORMATS)[number][0];

const list = (text: string) => text.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);

export function ExportForm({ projects, onQueued }: { projects: string[]; onQueued: () => void }) {
  const [project, setProject] = useState('');
  const [format, setFormat] = useState<Format>('zip');
  const [layout, setLayout] = useState(DEFAULT_LAYOUT);
  const [participants, setParticipants] = useState('');
  const [modalities, setModalities] = useState('');
  const [dashes, setDashes] = useState(false);
  const [clean, setClean] = useState(false);
  const [birthYear, setBirthYear] = useState(false);
  const [birthYearApproval, setBirthYearApproval] = useState<string | null>(null);
  const [outboxes, setOutboxes] = useState<string[]>([]);
  const [outbox, setOutbox] = useState('');
  const [preview, setPreview] = useState<string[] | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const layoutRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!project && projects.length) setProject(projects[0]);
  }, [projects]);
  useEffect(() => {
    setOutbox('');
    setOutboxes([]);
    setBirthYear(false);
    setBirthYearApproval(null);
    if (!project) return;
    api.get('/api/projects/{name}', { path: { name: project } }).then((p) => setBirthYearApproval(p.birthYearInExport?.approval ?? null), () => undefined);
    api.get('/api/projects/{name}/outboxes', { path: { name: project } }).then((list) => setOutboxes(list.map((o) => o.name)), () => undefined);
    api.get('/api/projects/{name}/export-layouts', { path: { name: project } }).then(
      (saved) => saved[0] && setLayout(saved[0].template),
      () => undefined, // the default layout stays
    );
  }, [project]);

  const body = () => ({
    format,
    layout,
    filter: { ...(list(participants).length ? { participants: list(participants) } : {}), ...(list(modalities).length ? { modalities: list(modalities) } : {}) },
    transforms: { ...(dashes ? { replaceInIds: [{ from: '_', to: '-' }] } : {}), ...(clean ? { cleanSeriesDescription: true } : {}), ...(birthYear && birthYearApproval ? { birthYear: true } : {}) },
    ...(outbox ? { outbox } : {}),
  });
  const fail = (err: unknown) => {
    const e = err as ApiError;
    setError(e.message);
    if (e.field === 'layout') layoutRef.current?.focus();
  };
  const run = async (what: 'preview' | 'export') => {
    setBusy(true);
    setError('');
    try {
      if (what === 'preview') {
        setPreview((await api.post('/api/projects/{name}/exports/preview', { path: { name: project }, body: body() })).paths);
      } else {
        await api.post('/api/projects/{name}/exports', { path: { name: project }, body: body() });
        toast(`Export of ${project} queued.`, 'ok');
        onQueued();
      }
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card section" aria-labelledby="export-form-title" onSubmit={(e) => { e.preventDefault(); void run('export'); }}>
      <h2 id="export-form-title">New export</h2>
      <div class="form-grid">
        <Field label="Project">
          <select value={project} onChange={inputValue(setProject)}>
            {projects.map((p) => <option key={p} value={p}>{p}</option>)}
          </select>
        </Field>
        <Field label="Format">
          <select value={format} onChange={inputValue((v) => setFormat(v as Format))}>
            {FORMATS.map(([v, label]) => <option key={v} value={v}>{label}</option>)}
          </select>
        </Field>
        <Field label="Layout" hint="Fields: {participant} {event} {studyDate} {modality} {seriesNumber} {seriesDescription} {instanceNumber} {sopInstanceUid}; pad numbers as {instanceNumber:4}.">
          <input ref={layoutRef} class="mono" value={layout} onInput={inputValue(setLayout)} required />
        </Field>
        <Field label="Participants" hint="IDs separated by spaces or commas; empty: all you may export.">
          <input value={participants} onInput={inputValue(setParticipants)} />
        </Field>
        <Field label="Modalities" hint="e.g. MR CT; empty: all.">
          <input value={modalities} onInput={inputValue(setModalities)} />
        </Field>
        {outboxes.length ? (
          <Field label="Deliver to" hint="An SFTP outbox of the project: the finished zip is uploaded there and checked by SHA-256.">
            <select value={outbox} onChange={inputValue(setOutbox)}>
              <option value="">Nowhere (download only)</option>
              {outboxes.map((o) => <option key={o} value={o}>{o}</option>)}
            </select>
          </Field>
        ) : null}
      </div>
      <label class="check"><input type="checkbox" checked={dashes} onChange={(e) => setDashes(e.currentTarget.checked)} /> Underscores in IDs as dashes</label>
      <label class="check"><input type="checkbox" checked={clean} onChange={(e) => setClean(e.currentTarget.checked)} /> Clean series descriptions</label>
      {birthYearApproval && (
        <label class="check"><input type="checkbox" checked={birthYear} onChange={(e) => setBirthYear(e.currentTarget.checked)} /> Birth year back (PatientBirthDate as YYYY0101; approved: {birthYearApproval})</label>
      )}
      {error ? <p class="form-error" role="alert">{error}</p> : null}
      <div class="actions">
        <button type="button" class="ghost" disabled={busy || !project} onClick={() => void run('preview')}>Preview paths</button>
        <button type="submit" disabled={busy || !project}>Export</button>
      </div>
      {preview ? (
        <div aria-live="polite">
          <h3>First {preview.length} paths</h3>
          {preview.length ? <ul class="mono small-text preview-paths">{preview.map((p) => <li key={p}>{p}</li>)}</ul> : <p class="empty-inline">Nothing matches this selection.</p>}
        </div>
      ) : null}
    </form>
  );
}
