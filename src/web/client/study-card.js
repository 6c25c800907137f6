// One quarantine study as a card: what the manual's screenshot shows (arrived when, manufacturer,
// modality, description, operator, accession number, station, institution, study date/time, study UID,
// series and images) and never the patient's name or ID — the API does not even send them.
import { clear, dicomDateTime, h, personName, plural, relativeTime } from './dom.js';

export function studyMatches(study, needle) {
  if (!needle) return true;
  const q = needle.trim().toLowerCase();
  if (!q) return true;
  const date = study.studyDate ?? '';
  const haystack = [
    study.accessionNumber,
    study.studyDescription,
    study.stationName,
    study.institutionName,
    study.manufacturer,
    study.modelName,
    (study.modalities ?? []).join(' '),
    date,
    dicomDateTime(date, study.studyTime),
    study.studyInstanceUid,
  ]
    .filter(Boolean)
    .join('\n')
    .toLowerCase();
  return q.split(/\s+/).every((word) => haystack.includes(word) || haystack.includes(word.replace(/-/g, '')));
}

function item(label, value, { mono = false, wide = false } = {}) {
  return h('div', { class: `kv${wide ? ' kv-wide' : ''}` }, h('dt', {}, label), h('dd', { class: mono ? 'mono' : null }, value || h('span', { class: 'none' }, '—')));
}

export function renderStudyBody(body, study) {
  const arrived = study.arrivedAt ?? study.receivedAt;
  const receiving = !study.arrivedAt;
  clear(
    body,
    h(
      'div',
      { class: 'study-head' },
      h('div', { class: 'modalities' }, (study.modalities?.length ? study.modalities : ['?']).map((m) => h('span', { class: 'modality' }, m))),
      h('h3', { class: 'study-title' }, study.studyDescription || h('span', { class: 'none' }, 'No study description')),
      h(
        'p',
        { class: `arrived${receiving ? ' receiving' : ''}` },
        receiving ? [h('span', { class: 'pulse', 'aria-hidden': 'true' }), 'Receiving… '] : 'Arrived ',
        h('time', { datetime: arrived, title: new Date(arrived).toLocaleString() }, relativeTime(receiving ? study.lastReceivedAt : arrived)),
      ),
    ),
    h(
      'p',
      { class: 'study-keys' },
      h('span', {}, 'Accession ', study.accessionNumber ? h('strong', { class: 'accession' }, study.accessionNumber) : h('span', { class: 'none' }, 'none')),
      h('span', {}, 'Station ', h('strong', {}, study.stationName || '—')),
      h('span', { class: 'counts' }, `${plural(study.seriesCount, 'series', 'series')} · ${plural(study.instanceCount, 'image')}`),
    ),
    h(
      'dl',
      { class: 'study-details' },
      item('Study date/time', dicomDateTime(study.studyDate, study.studyTime)),
      item('Manufacturer', [study.manufacturer, study.modelName].filter(Boolean).join(' ')),
      item('Institution', study.institutionName),
      item('Operator', personName(study.operatorsName)),
      item('Study UID', study.studyInstanceUid, { mono: true, wide: true }),
    ),
  );
}

const STATUS_TEXT = { queued: 'queued', running: 'running', done: 'done', failed: 'failed' };

export function statusBadge(status) {
  return h('span', { class: `status status-${status}` }, h('span', { class: 'dot', 'aria-hidden': 'true' }), STATUS_TEXT[status] ?? status);
}

export function progressText(t) {
  const total = t.instancesToSend ?? t.instancesTotal;
  const parts = [];
  if (typeof t.instancesSent === 'number' && (t.status !== 'queued' || t.instancesSent > 0)) parts.push(`${t.instancesSent}${typeof total === 'number' && total > 0 ? ` of ${total}` : ''} sent`);
  else if (typeof total === 'number' && total > 0) parts.push(`${total} to send`);
  if (typeof t.instancesConfirmed === 'number' && t.status !== 'queued') parts.push(`${t.instancesConfirmed} confirmed`);
  if (t.instancesRefused) parts.push(`${t.instancesRefused} refused`);
  return parts.join(' · ');
}

export function renderTransferLine(el, transfer) {
  if (!transfer) {
    clear(el);
    el.hidden = true;
    return;
  }
  el.hidden = false;
  clear(
    el,
    h('span', { class: 'transfer-label' }, 'Transfer'),
    statusBadge(transfer.status),
    h('span', { class: 'transfer-target' }, `${transfer.project} · ${transfer.participant} · ${transfer.event}`),
    h('span', { class: 'muted' }, progressText(transfer)),
    transfer.status === 'failed' && transfer.error ? h('span', { class: 'transfer-error' }, transfer.error) : null,
  );
}
