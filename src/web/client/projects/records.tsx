// Imaging records: what has been transferred to the project's research PACS, and what it holds.
import { useEffect, useState } from 'preact/hooks';
import type { ApiError } from '../api/client.js';
import { api } from '../api/client.js';
import type { ImagingRecord, Project } from '../api/types.js';
import { dateTime, dicomDateTime } from '../ui/format.js';
import { DataTable, Loading } from '../ui/page.js';

export function RecordsSection({ project }: { project: Project }) {
  const [records, setRecords] = useState<ImagingRecord[] | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    api.get('/api/projects/{name}/studies', { path: { name: project.name } }).then(setRecords, (err: ApiError) => setError(err.status === 404 ? 'Imaging records are not available on this server yet.' : err.message));
  }, [project.name]);
  if (error) return <p class="muted">{error}</p>;
  if (!records) return <Loading />;
  if (records.length === 0) return <p class="empty-inline">Nothing has been sent to the research PACS yet.</p>;
  return (
    <DataTable
      caption="Imaging records"
      rows={records}
      rowKey={(r) => r.researchStudyUid}
      columns={[
        { label: 'Participant', value: (r) => r.participant, class: 'mono' },
        { label: 'Event', value: (r) => r.event },
        { label: 'Modalities', value: (r) => r.modalities.join(', ') || '—' },
        { label: 'Study date', value: (r) => dicomDateTime(r.studyDate) || '—' },
        { label: 'Series', value: (r) => r.seriesCount },
        { label: 'Images sent', value: (r) => r.instancesSent },
        { label: 'In research PACS', value: (r) => (r.pacsInstances === null ? 'not checked yet' : `${r.pacsInstances} images`) },
        { label: 'Transferred', value: (r) => dateTime(r.transferredAt) || '—' },
      ]}
    />
  );
}
