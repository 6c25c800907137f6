// One table of transfers (in preparation, or done), with Resend for finished ones.
import { useState } from 'preact/hooks';
import type { ApiError } from '../api/client.js';
import { api } from '../api/client.js';
import type { Study, Transfer } from '../api/types.js';
import { dateTime, dicomDateTime } from '../ui/format.js';
import { StatusBadge } from '../ui/page.js';
import { toast } from '../ui/toast.js';
import { progressText, transferTime } from './feed.js';

const COLUMNS = ['Transfer date/time', 'Project', 'Participant', 'Event', 'Modalities', 'Study date/time', 'Status'];

export function TransfersTable({ rows, studies, caption, empty, onResent }: { rows: Transfer[]; studies: Map<string, Study>; caption: string; empty: string; onResent: () => Promise<void> }) {
  if (rows.length === 0) return <p class="empty-inline">{empty}</p>;
  return (
    <div class="table-wrap">
      <table class="data-table stack transfers">
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th scope="col" key={c}>
                {c}
              </th>
            ))}
            <th scope="col">
              <span class="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((t) => (
            <TransferRow key={t.id} transfer={t} study={studies.get(t.studyInstanceUid)} onResent={onResent} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function TransferRow({ transfer: t, study, onResent }: { transfer: Transfer; study: Study | undefined; onResent: () => Promise<void> }) {
  const [busy, setBusy] = useState(false);
  const modalities = t.modalities.join(', ');
  const studyDate = dicomDateTime(study?.studyDate, study?.studyTime);
  const failed = t.status === 'failed';
  // Waiting for review: a data manager decides on the project's Review (or Pixel review) page, not here.
  const review = t.status === 'review';
  const resend = async () => {
    setBusy(true);
    try {
      await api.post('/api/transfers/{id}/resend', { path: { id: t.id } });
      toast(`Transfer for ${t.participant} queued again.`, 'ok');
      await onResent();
    } catch (err) {
      toast(`Resend failed: ${(err as ApiError).message}`, 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <tr class={failed ? 'row-failed' : undefined}>
      <td data-label="Date/time">{dateTime(transferTime(t))}</td>
      <td data-label="Project">{t.project}</td>
      <td data-label="Participant">
        <span class="mono">{t.participant}</span>
      </td>
      <td data-label="Event">{t.event}</td>
      <td data-label="Modalities">{modalities || '—'}</td>
      <td data-label="Study date">{studyDate || '—'}</td>
      <td data-label="Status">
        <div>
          <div class="status-cell">
            <StatusBadge status={t.status} />
            <span class="muted small-text">{progressText(t)}</span>
          </div>
          {failed && t.error ? <p class="transfer-error">{t.error}</p> : null}
          {review && t.error ? (
            <p class="muted small-text">
              {t.error} <a href={`/review?project=${encodeURIComponent(t.project)}`}>Review page</a>
            </p>
          ) : null}
        </div>
      </td>
      <td class="actions-cell">
        {failed || review || t.status === 'done' ? (
          <button type="button" class={failed ? 'danger small' : 'ghost small'} aria-label={`Resend transfer of ${t.participant} ${t.event}`} disabled={busy} onClick={() => void resend()}>
            Resend
          </button>
        ) : null}
      </td>
    </tr>
  );
}
