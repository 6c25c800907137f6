// Upload: studies that never passed through a PACS (a CD, a USB stick, a zip) into the quarantine, from
// where they are assigned like any other. Files are checked here first (DICOM preamble; a DICOMDIR is the
// CD's index and is skipped, non-DICOM files are listed and skipped), then sent in batches by STOW-RS to the
// chosen project's DICOMweb endpoint, which stores each instance through the same durable path as C-STORE.
// A batch that meets a network error is sent again (after a pause, then on "Resume"): instances the
// quarantine already holds are acknowledged as identical, so resending is safe. Whole-slide images (TIFF,
// SVS) go one by one to the project's slide endpoint, which converts them to DICOM WSI into the quarantine.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, csrfTokenValue } from '../api/client.js';
import { may } from '../api/roles.js';
import type { Project } from '../api/types.js';
import type { PageProps } from '../pages.js';
import { plural } from '../ui/format.js';
import { inputValue, Loading, PageHeading } from '../ui/page.js';
import { batches, classify, droppedFiles, itemsOf, sendBatch, sendSlide, UploadRefused, type UploadItem } from './collect.js';

const BATCH_BYTES = 16 * 1024 * 1024;
const BATCH_FILES = 50;
const RETRIES = 3;

type Limits = { maxFiles: number; maxBytes: number; maxFileBytes: number };

export function UploadPage({ session }: PageProps) {
  const [projects, setProjects] = useState<Project[] | null>(null);
  const [limits, setLimits] = useState<Limits | null>(null);
  const [project, setProject] = useState('');
  const [items, setItems] = useState<UploadItem[]>([]);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [paused, setPaused] = useState(false);
  const itemsRef = useRef<UploadItem[]>([]);

  useEffect(() => {
    Promise.all([api.get('/api/projects'), api.get('/api/upload-limits')]).then(([all, l]) => {
      const allowed = all.filter((p) => may(session, p, 'studies:assign'));
      setProjects(allowed);
      setProject(allowed[0]?.name ?? '');
      setLimits(l);
    }, (err: Error) => setError(err.message));
  }, []);

  const update = () => setItems([...itemsRef.current]);

  const add = async (files: Array<{ file: File; path: string }>) => {
    setError('');
    try {
      const found = await itemsOf(files);
      for (const item of found) {
        const head = await item.head();
        item.verdict = limits && item.size > limits.maxFileBytes ? 'too-large' : classify(head);
        if (item.verdict === 'dicom' || item.verdict === 'slide') item.state = 'waiting';
        else {
          item.state = 'skipped';
          item.message = item.verdict === 'dicomdir' ? 'DICOMDIR (the index of a CD): skipped; the files it lists are sent' : item.verdict === 'too-large' ? `larger than the limit of ${limits?.maxFileBytes} bytes` : 'not DICOM: skipped';
        }
      }
      itemsRef.current = [...itemsRef.current, ...found];
      const waiting = itemsRef.current.filter((i) => i.state === 'waiting');
      const bytes = waiting.reduce((a, i) => a + i.size, 0);
      if (limits && (waiting.length > limits.maxFiles || bytes > limits.maxBytes)) {
        setError(`This upload has ${plural(waiting.length, 'file')} (${bytes} bytes); one upload may hold ${limits.maxFiles} files and ${limits.maxBytes} bytes. Upload in parts.`);
        itemsRef.current = itemsRef.current.filter((i) => !found.includes(i));
      }
      update();
    } catch (err) {
      setError((err as Error).message);
    }
  };

  const send = async () => {
    if (!project) return;
    setBusy(true);
    setPaused(false);
    setError('');
    const waiting = itemsRef.current.filter((i) => (i.state === 'waiting' || i.state === 'sending') && i.verdict === 'dicom');
    const slides = itemsRef.current.filter((i) => (i.state === 'waiting' || i.state === 'sending') && i.verdict === 'slide');
    for (const slide of slides) {
      slide.state = 'sending';
      update();
      try {
        const r = await sendSlide(project, slide, csrfTokenValue());
        Object.assign(slide, { state: r.ok ? 'stored' : 'failed', message: r.message });
      } catch {
        slide.state = 'waiting';
        update();
        setPaused(true);
        setBusy(false);
        setError('The connection to Fiona failed. What was sent is kept; choose Resume to send the rest.');
        return;
      }
      update();
    }
    for (const batch of batches(waiting, BATCH_BYTES, BATCH_FILES)) {
      for (const item of batch) item.state = 'sending';
      update();
      const bytes = await Promise.all(batch.map((i) => i.read()));
      let outcome: Awaited<ReturnType<typeof sendBatch>> | undefined;
      for (let attempt = 0; attempt <= RETRIES && !outcome; attempt++) {
        try {
          outcome = await sendBatch(project, bytes, csrfTokenValue());
        } catch (err) {
          if (err instanceof UploadRefused) {
            for (const item of batch) Object.assign(item, { state: 'failed', message: `not stored: ${err.message}` });
            outcome = [];
            break;
          }
          if (attempt < RETRIES) await new Promise((r) => setTimeout(r, 1000 * 2 ** attempt));
        }
      }
      if (!outcome) {
        for (const item of batch) item.state = 'waiting';
        update();
        setPaused(true);
        setBusy(false);
        setError('The connection to Fiona failed. What was sent is kept; choose Resume to send the rest.');
        return;
      }
      outcome.forEach((r, i) => Object.assign(batch[i], { state: r.ok ? 'stored' : 'failed', message: r.message }));
      update();
    }
    setBusy(false);
  };

  const counts = (state: UploadItem['state']) => items.filter((i) => i.state === state).length;
  const total = items.filter((i) => i.verdict === 'dicom' || i.verdict === 'slide').length;
  const slideCount = items.filter((i) => i.verdict === 'slide').length;
  const done = counts('stored') + counts('failed');
  return (
    <section class="page">
      <div class="page-head">
        <div>
          <PageHeading>Upload</PageHeading>
          <p class="muted">Studies from a CD, a USB stick or a zip go into the quarantine; assign them on the Assign page. Whole-slide images (TIFF, SVS) are converted to DICOM on the way.</p>
        </div>
      </div>
      {error ? <p class="form-error" role="alert">{error}</p> : null}
      {projects === null ? (
        <Loading />
      ) : projects.length === 0 ? (
        <div class="empty"><p class="empty-title">Nothing to upload to</p><p>Uploading needs assign rights in a project.</p></div>
      ) : (
        <>
          <div class="toolbar">
            <div class="search-field">
              <label for="upload-project">Project</label>
              <select id="upload-project" value={project} onChange={inputValue(setProject)}>
                {projects.map((p) => <option key={p.name} value={p.name}>{p.name}</option>)}
              </select>
            </div>
            <div class="search-field">
              <label for="upload-files">Files or zips</label>
              <input id="upload-files" type="file" multiple onChange={(e) => { const t = e.currentTarget; void add(Array.from(t.files ?? []).map((file) => ({ file, path: file.name }))).then(() => (t.value = '')); }} />
            </div>
            <div class="search-field">
              <label for="upload-folder">A folder (a CD with its DICOMDIR)</label>
              <input id="upload-folder" type="file" {...{ webkitdirectory: true }} onChange={(e) => { const t = e.currentTarget; void add(Array.from(t.files ?? []).map((file) => ({ file, path: file.webkitRelativePath || file.name }))).then(() => (t.value = '')); }} />
            </div>
          </div>
          <div
            class="drop-zone card"
            aria-label="Drop files, folders or zips here"
            onDragOver={(e) => e.preventDefault()}
            onDrop={(e) => { e.preventDefault(); if (e.dataTransfer) void droppedFiles(e.dataTransfer.items).then(add, (err: Error) => setError(err.message)); }}
          >
            Drop files, folders or zips here
          </div>
          <p aria-live="polite" class="muted" id="upload-status">
            {items.length ? `${plural(total - slideCount, 'DICOM file')}${slideCount ? ` and ${plural(slideCount, 'whole-slide image')}` : ''} of ${plural(items.length, 'file')}; ${counts('stored')} stored, ${counts('failed')} failed, ${counts('skipped')} skipped.` : 'Nothing chosen yet.'}
          </p>
          {total ? <progress max={total} value={done} aria-label="Upload progress" /> : null}
          <div class="actions">
            <button type="button" class="primary" disabled={busy || counts('waiting') === 0} onClick={() => void send()}>
              {paused ? 'Resume' : busy ? 'Sending…' : `Send ${plural(counts('waiting'), 'file')}`}
            </button>
          </div>
          {items.length ? (
            <table class="data-table">
              <caption>Files of this upload</caption>
              <thead><tr><th scope="col">File</th><th scope="col">Result</th></tr></thead>
              <tbody>
                {items.map((item, i) => (
                  <tr key={`${i}:${item.name}`} data-state={item.state}>
                    <td>{item.name}</td>
                    <td>{item.state === 'waiting' ? 'waiting' : item.state === 'sending' ? 'sending…' : item.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </>
      )}
    </section>
  );
}
