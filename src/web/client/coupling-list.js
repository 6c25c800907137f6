// A project's coupling list, for owners and data managers: upload a CSV of accession number ->
// participant (and event), see plainly what was imported, which lines were refused and why, and which
// studies were assigned at once; below, the list as it stands, with each entry used or not yet.
import { get, postText } from './api.js';
import { clear, dateTime, field, h, plural, toast, uid } from './dom.js';
import { exampleId } from './participant-rule.js';

const MAX_BYTES = 5 * 1024 * 1024; // the server's limit
const SHOWN_ERRORS = 50;

function formatHelp(project) {
  const first = exampleId(project.participantPattern) ?? 'participant-ID';
  const second = exampleId(project.participantPattern, 2) ?? first;
  const [e1, e2 = e1] = project.events;
  return h(
    'div',
    { class: 'format-help' },
    h('h3', {}, 'Format'),
    h(
      'ul',
      {},
      h('li', {}, 'One line per study: ', h('strong', {}, 'accession number'), ', ', h('strong', {}, 'participant ID'), ' and, optionally, the ', h('strong', {}, 'event'), '.'),
      h('li', {}, 'Fields separated by a comma or a semicolon; a header row is optional.'),
      h('li', {}, 'Participant IDs must match ', h('code', {}, project.participantPattern), '. Without an event, the first one (', e1, ') is used.'),
    ),
    h('pre', { class: 'csv-example', 'aria-label': 'Example coupling list' }, `accession;participant;event\nA2024-0017;${first};${e1}\nA2024-0018;${second};${e2}\nA2024-0019;${first}`),
  );
}

function resultView(fileName, result) {
  const { imported, rejected, errors, assigned } = result;
  const headingId = uid('upload-result');
  const shown = errors.slice(0, SHOWN_ERRORS);
  return h(
    'div',
    { class: `upload-result${rejected ? ' has-errors' : ''}`, role: 'group', 'aria-labelledby': headingId },
    h('h3', { id: headingId, tabindex: '-1' }, 'Uploaded ', h('span', { class: 'mono' }, fileName)),
    h(
      'ul',
      { class: 'stats' },
      h('li', { class: 'stat stat-ok' }, h('span', { class: 'stat-n' }, String(imported)), h('span', { class: 'stat-label' }, 'imported')),
      h('li', { class: `stat ${rejected ? 'stat-bad' : ''}` }, h('span', { class: 'stat-n' }, String(rejected)), h('span', { class: 'stat-label' }, 'rejected')),
      h('li', { class: 'stat' }, h('span', { class: 'stat-n' }, String(assigned.length)), h('span', { class: 'stat-label' }, 'studies assigned now')),
    ),
    shown.length
      ? [
          h('p', { class: 'result-note' }, rejected === 1 ? 'This line was not imported. Correct it and upload the file again: lines already on the list are not added twice.' : `These ${rejected} lines were not imported. Correct them and upload the file again: lines already on the list are not added twice.`),
          h(
            'ul',
            { class: 'line-errors', 'aria-label': 'Rejected lines' },
            shown.map((e) => h('li', {}, h('span', { class: 'line-no' }, `Line ${e.line}`), h('span', {}, e.error))),
            errors.length > shown.length ? h('li', { class: 'muted' }, `… and ${errors.length - shown.length} more`) : null,
          ),
        ]
      : null,
    assigned.length
      ? h('p', { class: 'result-note' }, `Assigned from the quarantine: ${assigned.map((a) => a.accessionNumber).join(', ')}. Follow them on `, h('a', { href: '/transfers', 'data-link': true }, 'Transfers'), '.')
      : imported
        ? h('p', { class: 'result-note muted' }, 'No study with these accession numbers is in the quarantine yet; they will be assigned when they arrive.')
        : null,
  );
}

function entriesTable(entries) {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'data-table stack' },
      h('caption', { class: 'visually-hidden' }, 'Coupling list'),
      h('thead', {}, h('tr', {}, ['Accession', 'Participant', 'Event', 'Used', 'Uploaded'].map((c) => h('th', { scope: 'col' }, c)))),
      h(
        'tbody',
        {},
        entries.map((e) =>
          h(
            'tr',
            {},
            h('td', { 'data-label': 'Accession' }, h('span', { class: 'accession' }, e.accessionNumber)),
            h('td', { 'data-label': 'Participant' }, h('span', { class: 'mono' }, e.participant)),
            h('td', { 'data-label': 'Event' }, e.event),
            h('td', { 'data-label': 'Used' }, e.usedAt ? h('div', {}, h('span', { class: 'status status-done' }, 'used'), h('span', { class: 'small-text muted block' }, dateTime(e.usedAt))) : h('span', { class: 'status status-queued' }, 'not yet')),
            h('td', { 'data-label': 'Uploaded' }, h('span', {}, dateTime(e.uploadedAt), e.uploadedBy ? h('span', { class: 'muted' }, ` by ${e.uploadedBy}`) : null)),
          ),
        ),
      ),
    ),
  );
}

/** The "Coupling list" section of a project's page (only for those who may manage participants). */
export function couplingListSection(project) {
  const enc = encodeURIComponent(project.name);
  const file = h('input', { type: 'file', name: 'couplingList', accept: '.csv,.txt,text/csv,text/plain' });
  const error = h('p', { class: 'form-error', role: 'alert' });
  const button = h('button', { type: 'submit', class: 'primary' }, 'Upload');
  const resultSlot = h('div', { 'aria-live': 'polite' });
  const listSlot = h('div', {}, h('p', { class: 'muted' }, 'Loading…'));
  const countEl = h('span', { class: 'list-count' });
  let entries = [];
  const filter = h('input', { type: 'search', name: 'couplingFilter', autocomplete: 'off', spellcheck: 'false', placeholder: 'Accession or participant' });
  const filterField = h('div', { class: 'coupling-filter', hidden: true }, field('Find in the list', filter));

  function showList() {
    const q = filter.value.trim().toLowerCase();
    const shown = q ? entries.filter((e) => e.accessionNumber.toLowerCase().includes(q) || e.participant.toLowerCase().includes(q)) : entries;
    const used = entries.filter((e) => e.usedAt).length;
    countEl.textContent = entries.length ? `${plural(entries.length, 'entry', 'entries')}, ${used} used` : '';
    filterField.hidden = entries.length < 8;
    if (entries.length === 0) return clear(listSlot, h('p', { class: 'empty-inline' }, 'The list is empty. Upload a CSV file to start it.'));
    if (shown.length === 0) return clear(listSlot, h('p', { class: 'empty-inline' }, `No entry matches "${filter.value.trim()}".`));
    clear(listSlot, entriesTable(shown));
  }
  filter.addEventListener('input', showList);

  async function load() {
    try {
      entries = await get(`/api/projects/${enc}/coupling-list`);
      entries.sort((a, b) => (b.uploadedAt ?? '').localeCompare(a.uploadedAt ?? '') || a.accessionNumber.localeCompare(b.accessionNumber));
      showList();
    } catch (err) {
      clear(listSlot, h('p', { class: 'form-error' }, err.message));
    }
  }

  const form = h(
    'form',
    {
      class: 'upload-form',
      novalidate: true,
      'aria-label': 'Upload a coupling list',
      onsubmit: async (e) => {
        e.preventDefault();
        error.textContent = '';
        const chosen = file.files?.[0];
        if (!chosen) {
          error.textContent = 'Choose a CSV file first.';
          file.focus();
          return;
        }
        if (chosen.size > MAX_BYTES) {
          error.textContent = `${chosen.name} is larger than 5 MB. Split it into smaller files.`;
          file.focus();
          return;
        }
        button.disabled = true;
        button.textContent = 'Uploading…';
        try {
          const result = await postText(`/api/projects/${enc}/coupling-list`, await chosen.text(), 'text/csv');
          clear(resultSlot, resultView(chosen.name, result));
          toast(`Coupling list: ${result.imported} imported, ${result.rejected} rejected.`, result.rejected ? 'warn' : 'ok');
          form.reset();
          await load();
          resultSlot.querySelector('h3')?.focus();
        } catch (err) {
          error.textContent = err.message;
        } finally {
          button.disabled = false;
          button.textContent = 'Upload';
        }
      },
    },
    field('Coupling list (CSV)', file, { hint: 'A .csv file exported from your spreadsheet, up to 5 MB. Entries already on the list are kept; a line for the same accession number and participant is taken once.' }),
    error,
    h('div', { class: 'actions' }, button),
  );

  void load();
  return h(
    'section',
    { class: 'card section coupling', 'aria-labelledby': 'sec-coupling-list' },
    h('h2', { id: 'sec-coupling-list' }, 'Coupling list'),
    h('p', { class: 'muted section-lead' }, 'Say in advance which participant a study belongs to. Studies whose accession number is on the list are assigned automatically, whether they are in the quarantine now or arrive later.'),
    h('div', { class: 'coupling-grid' }, form, formatHelp(project)),
    resultSlot,
    h('div', { class: 'list-head coupling-head' }, h('h3', {}, 'Current list'), countEl),
    filterField,
    listSlot,
  );
}
