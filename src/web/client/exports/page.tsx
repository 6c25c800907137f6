// Exports: request an export of a project's data (zip or NIfTI in the project's layout) and follow the
// jobs live: progress while they run (polled every 2 s while any is active, 10 s otherwise), then the
// download, or the reason it failed, and where it was delivered. Rows are keyed, so a focused button survives
// each poll.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { api, type ApiError } from '../api/client.js';
import type { ExportJob } from '../api/types.js';
import { may } from '../api/roles.js';
import type { PageProps } from '../pages.js';
import { dateTime, plural } from '../ui/format.js';
import { PageHeading } from '../ui/page.js';
import { toast } from '../ui/toast.js';
import { ExportForm } from './form.js';

function sizeText(bytes: number): string {
  return bytes >= 1e9 ? `${(bytes / 1e9).toFixed(1)} GB` : bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.ceil(bytes / 1e3)} kB`;
}

export function ExportsPage({ session }: PageProps) {
  const [projects, setProjects] = useState<string[]>([]);
  const [jobs, setJobs] = useState<ExportJob[] | null>(null);
  const refresh = useCallback(() => api.get('/api/exports').then(setJobs, () => setJobs((j) => j ?? [])), []);

  useEffect(() => {
    api.get('/api/projects').then((list) => setProjects(list.filter((p) => may(session, p, 'data:export')).map((p) => p.name)), () => undefined);
  }, [session]);
  const active = (jobs ?? []).some((j) => j.status === 'queued' || j.status === 'running' || j.delivery?.status === 'pending' || j.delivery?.status === 'delivering');
  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), active ? 2000 : 10_000);
    return () => clearInterval(timer);
  }, [active, refresh]);

  const remove = async (job: ExportJob) => {
    try {
      const { outcome } = await api.delete('/api/exports/{id}', { path: { id: job.id } });
      toast(outcome === 'cancelled' ? 'Export cancelled.' : 'Export removed.', 'ok');
      await refresh();
    } catch (err) {
      toast(`Could not remove the export: ${(err as ApiError).message}`, 'error');
    }
  };

  return (
    <section class="page">
      <div class="page-head">
        <div>
          <PageHeading>Exports</PageHeading>
          <p class="muted" aria-live="polite">{jobs ? plural(jobs.length, 'export') : ''}</p>
        </div>
      </div>
      {projects.length ? <ExportForm projects={projects} onQueued={() => void refresh()} /> : <p class="empty-inline">You may not export from any project.</p>}
      <h2>Your exports</h2>
      {jobs && jobs.length === 0 ? <p class="empty-inline">No exports yet.</p> : null}
      {jobs && jobs.length ? (
        <div class="table-wrap">
          <table class="data-table stack">
            <caption class="visually-hidden">Exports</caption>
            <thead>
              <tr>
                {['Requested', 'Project', 'Format', 'Status', 'Size'].map((c) => <th scope="col" key={c}>{c}</th>)}
                <th scope="col"><span class="visually-hidden">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              {jobs.map((j) => (
                <tr key={j.id} class={j.status === 'failed' ? 'row-failed' : undefined}>
                  <td data-label="Requested">{dateTime(j.createdAt)}<br /><span class="muted small-text">{j.requestedBy}</span></td>
                  <td data-label="Project">{j.project}</td>
                  <td data-label="Format">{j.format}</td>
                  <td data-label="Status">
                    <span class={`status status-${j.status}`}>{j.status}</span>
                    {j.status === 'running' ? (
                      <progress max={1} value={j.progress} aria-label={`Export of ${j.project}: ${Math.round(j.progress * 100)} percent`} />
                    ) : null}
                    {j.status === 'running' || j.status === 'queued' ? <span class="muted small-text"> {j.instancesDone} of {j.instancesTotal || '?'} instances</span> : null}
                    {j.error && j.status === 'failed' ? <p class="transfer-error">{j.error}</p> : null}
                    {j.delivery ? (
                      j.delivery.status === 'failed' ? (
                        <p class="transfer-error">Delivery to {j.delivery.outbox} failed: {j.delivery.error}</p>
                      ) : (
                        <p class="muted small-text">{j.delivery.status === 'delivered' ? `Delivered to ${j.delivery.outbox}` : `Delivering to ${j.delivery.outbox}…`}</p>
                      )
                    ) : null}
                  </td>
                  <td data-label="Size">{j.status === 'done' ? `${sizeText(j.bytes)} · ${plural(j.files, 'file')}` : '—'}</td>
                  <td class="actions-cell">
                    {j.status === 'done' ? <a class="button small" href={`/api/exports/${encodeURIComponent(j.id)}/download`} download>Download</a> : null}
                    <button type="button" class="ghost small" aria-label={`${j.status === 'queued' || j.status === 'running' ? 'Cancel' : 'Remove'} export of ${j.project} from ${dateTime(j.createdAt)}`} onClick={() => void remove(j)}>
                      {j.status === 'queued' || j.status === 'running' ? 'Cancel' : 'Remove'}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
