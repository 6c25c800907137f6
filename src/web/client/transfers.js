// Transfers, as the manual's table: "in preparation" (queued, running) and "done" (done, failed), with
// date/time, project, participant, event, modalities, study date and status. Failed transfers stand out
// with their reason and a Resend button.
import { get, post } from './api.js';
import { clear, dateTime, dicomDateTime, h, toast } from './dom.js';
import { progressText, statusBadge } from './study-card.js';
import { transfersFeed, transferTime } from './transfers-feed.js';

export async function renderTransfers(main, { session }) {
  const projectFilter = h('select', { id: 'transfer-project' }, h('option', { value: '' }, 'All projects'));
  const summary = h('p', { class: 'muted', 'aria-live': 'polite' });
  const preparing = h('div');
  const done = h('div');
  clear(
    main,
    h(
      'section',
      { class: 'page' },
      h('div', { class: 'page-head' }, h('div', {}, h('h1', {}, 'Transfers'), summary)),
      h('div', { class: 'toolbar' }, h('div', { class: 'search-field' }, h('label', { for: 'transfer-project' }, 'Project'), projectFilter)),
      h('h2', { id: 'prep-title' }, 'In preparation'),
      preparing,
      h('h2', { id: 'done-title' }, 'Done'),
      done,
    ),
  );

  let studies = new Map();
  if (session.mayBrowseQuarantine) {
    try {
      studies = new Map((await get('/api/studies?limit=2000')).map((s) => [s.studyInstanceUid, s]));
    } catch {
      // modalities and study dates then come only from the transfers themselves
    }
  }
  try {
    for (const p of await get('/api/projects')) projectFilter.append(h('option', { value: p.name }, p.name));
  } catch {
    // the filter stays at "All projects"
  }

  const resend = async (t, button) => {
    button.disabled = true;
    try {
      await post(`/api/transfers/${encodeURIComponent(t.id)}/resend`);
      toast(`Transfer for ${t.participant} queued again.`, 'ok');
      await feed.refresh();
    } catch (err) {
      toast(`Resend failed: ${err.message}`, 'error');
      button.disabled = false;
    }
  };

  const table = (rows, caption, empty) => {
    if (rows.length === 0) return h('p', { class: 'empty-inline' }, empty);
    return h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'data-table stack transfers' },
        h('caption', { class: 'visually-hidden' }, caption),
        h('thead', {}, h('tr', {}, ['Transfer date/time', 'Project', 'Participant', 'Event', 'Modalities', 'Study date/time', 'Status'].map((c) => h('th', { scope: 'col' }, c)), h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Actions')))),
        h(
          'tbody',
          {},
          rows.map((t) => {
            const s = studies.get(t.studyInstanceUid);
            const modalities = (t.modalities ?? s?.modalities ?? []).join(', ');
            const studyDate = t.studyDate ? dicomDateTime(t.studyDate, t.studyTime) : dicomDateTime(s?.studyDate, s?.studyTime);
            const failed = t.status === 'failed';
            const action = failed || t.status === 'done' ? h('button', { type: 'button', class: failed ? 'danger small' : 'ghost small', 'aria-label': `Resend transfer of ${t.participant} ${t.event}`, onclick: (e) => void resend(t, e.currentTarget) }, 'Resend') : null;
            return h(
              'tr',
              { class: failed ? 'row-failed' : null },
              h('td', { 'data-label': 'Date/time' }, dateTime(transferTime(t))),
              h('td', { 'data-label': 'Project' }, t.project),
              h('td', { 'data-label': 'Participant' }, h('span', { class: 'mono' }, t.participant)),
              h('td', { 'data-label': 'Event' }, t.event),
              h('td', { 'data-label': 'Modalities' }, modalities || '—'),
              h('td', { 'data-label': 'Study date' }, studyDate || '—'),
              h('td', { 'data-label': 'Status' }, h('div', {}, h('div', { class: 'status-cell' }, statusBadge(t.status), h('span', { class: 'muted small-text' }, progressText(t))), failed && t.error ? h('p', { class: 'transfer-error' }, t.error) : null)),
              h('td', { class: 'actions-cell' }, action),
            );
          }),
        ),
      ),
    );
  };

  const render = (transfers, available) => {
    if (!available) {
      clear(preparing, h('p', { class: 'empty-inline' }, 'Transfers are not available on this server yet.'));
      clear(done);
      return;
    }
    const chosen = projectFilter.value;
    const rows = transfers.filter((t) => !chosen || t.project === chosen).sort((a, b) => transferTime(b).localeCompare(transferTime(a)));
    const prep = rows.filter((t) => t.status === 'queued' || t.status === 'running');
    const finished = rows.filter((t) => t.status === 'done' || t.status === 'failed');
    const failed = finished.filter((t) => t.status === 'failed').length;
    document.getElementById('prep-title').textContent = `In preparation (${prep.length})`;
    document.getElementById('done-title').textContent = `Done (${finished.length})`;
    summary.textContent = `${prep.length} in preparation · ${finished.length} done${failed ? ` · ${failed} failed` : ''}`;
    clear(preparing, table(prep, 'Transfers in preparation', 'Nothing is waiting to be sent.'));
    clear(done, table(finished, 'Transfers done', 'No transfers yet. Assign a study to start one.'));
  };

  const feed = transfersFeed({ fastMs: 2000, slowMs: 8000 });
  feed.subscribe(render);
  projectFilter.addEventListener('change', () => render(feed.list, feed.available));
  await feed.refresh();
  return () => feed.stop();
}
