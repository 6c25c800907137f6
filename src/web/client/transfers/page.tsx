// Transfers, as the manual's table: "in preparation" (queued, running) and "done" (done, failed), with
// date/time, project, participant, event, modalities, study date and status. Failed transfers stand out
// with their reason and a Resend button. Rows keep their elements between polls, so a focused Resend
// button stays focused.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client.js';
import type { Study } from '../api/types.js';
import type { PageProps } from '../pages.js';
import { inputValue, PageHeading } from '../ui/page.js';
import { TransfersTable } from './table.js';
import { transferTime, useTransfers } from './feed.js';

export function TransfersPage({ session }: PageProps) {
  const { transfers, available, loaded, feed } = useTransfers({ fastMs: 2000, slowMs: 8000 });
  const [studies, setStudies] = useState(new Map<string, Study>());
  const [projects, setProjects] = useState<string[]>([]);
  const [chosen, setChosen] = useState('');

  useEffect(() => {
    if (session.mayBrowseQuarantine) {
      api.get('/api/studies', { query: { limit: 2000 } }).then(
        (list) => setStudies(new Map(list.map((s) => [s.studyInstanceUid, s]))),
        () => undefined, // modalities and study dates then come only from the transfers themselves
      );
    }
    api.get('/api/projects').then(
      (list) => setProjects(list.map((p) => p.name)),
      () => undefined, // the filter stays at "All projects"
    );
  }, [session]);

  const rows = transfers.filter((t) => !chosen || t.project === chosen).sort((a, b) => transferTime(b).localeCompare(transferTime(a)));
  const preparing = rows.filter((t) => t.status === 'queued' || t.status === 'running');
  const finished = rows.filter((t) => t.status === 'done' || t.status === 'failed' || t.status === 'review');
  const failed = finished.filter((t) => t.status === 'failed').length;
  const waiting = finished.filter((t) => t.status === 'review').length;

  return (
    <section class="page">
      <div class="page-head">
        <div>
          <PageHeading>Transfers</PageHeading>
          <p class="muted" aria-live="polite">
            {loaded && available ? `${preparing.length} in preparation · ${finished.length} done${failed ? ` · ${failed} failed` : ''}${waiting ? ` · ${waiting} waiting for review` : ''}` : ''}
          </p>
        </div>
      </div>
      <div class="toolbar">
        <div class="search-field">
          <label for="transfer-project">Project</label>
          <select id="transfer-project" value={chosen} onChange={inputValue(setChosen)}>
            <option value="">All projects</option>
            {projects.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <h2 id="prep-title">{loaded && available ? `In preparation (${preparing.length})` : 'In preparation'}</h2>
      {!loaded ? null : !available ? (
        <p class="empty-inline">Transfers are not available on this server yet.</p>
      ) : (
        <TransfersTable rows={preparing} studies={studies} caption="Transfers in preparation" empty="Nothing is waiting to be sent." onResent={() => feed.refresh()} />
      )}
      <h2 id="done-title">{loaded && available ? `Done (${finished.length})` : 'Done'}</h2>
      {loaded && available ? <TransfersTable rows={finished} studies={studies} caption="Transfers done" empty="No transfers yet. Assign a study to start one." onResent={() => feed.refresh()} /> : null}
    </section>
  );
}
