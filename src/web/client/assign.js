// The Assign page: the quarantine, newest first, live (server-sent events from /api/events); a search
// over accession number, date, modality, description and station; select a study to assign it.
import { get, may } from './api.js';
import { clear, h, plural, toast } from './dom.js';
import { assignForm } from './assign-form.js';
import { renderStudyBody, renderTransferLine, studyMatches } from './study-card.js';
import { suggestProject } from './suggest.js';
import { latestByStudy, transfersFeed } from './transfers-feed.js';

export async function renderAssign(main, { session }) {
  const studies = new Map();
  const cards = new Map();
  let selected = null;
  let assignable = [];
  const participantCache = new Map();

  const search = h('input', { type: 'search', name: 'search', placeholder: 'Accession, date, modality, description, station…', autocomplete: 'off' });
  const hideAssigned = h('input', { type: 'checkbox', name: 'hide-assigned' });
  const count = h('p', { class: 'list-count', 'aria-live': 'polite' });
  const live = h('span', { class: 'live live-connecting' }, h('span', { class: 'dot', 'aria-hidden': 'true' }), 'Connecting…');
  const list = h('ol', { class: 'study-list', 'aria-label': 'Studies in the quarantine' });
  const empty = h('div', { class: 'empty', hidden: true });

  clear(
    main,
    h(
      'section',
      { class: 'page' },
      h(
        'div',
        { class: 'page-head' },
        h('div', {}, h('h1', {}, 'Assign'), h('p', { class: 'muted lead' }, 'Find your study — by accession number or the date and time of the scan — and assign it to a project, participant and event. Patient names and IDs are never shown.')),
      ),
      h(
        'div',
        { class: 'toolbar', role: 'search' },
        h('div', { class: 'search-field' }, h('label', { for: 'study-search' }, 'Search'), Object.assign(search, { id: 'study-search' })),
        h('label', { class: 'check' }, hideAssigned, 'Hide assigned studies'),
      ),
      h('div', { class: 'list-head' }, count, live),
      list,
      empty,
    ),
  );

  const feed = transfersFeed();
  let byStudy = new Map();

  const history = () =>
    feed.list
      .map((t) => {
        const s = studies.get(t.studyInstanceUid);
        return { project: t.project, studyInstanceUid: t.studyInstanceUid, studyDescription: t.studyDescription ?? s?.studyDescription, stationName: t.stationName ?? s?.stationName, institutionName: t.institutionName ?? s?.institutionName };
      })
      .filter((x) => x.studyDescription || x.stationName || x.institutionName);

  const participantsOf = async (name) => {
    if (!participantCache.has(name)) participantCache.set(name, get(`/api/projects/${encodeURIComponent(name)}/participants`).then((ps) => ps.map((p) => p.id)));
    try {
      return await participantCache.get(name);
    } catch (err) {
      participantCache.delete(name);
      throw err;
    }
  };

  const visible = (study) => studyMatches(study, search.value) && !(hideAssigned.checked && byStudy.has(study.studyInstanceUid));

  const updateCount = () => {
    const total = studies.size;
    const shown = [...studies.values()].filter(visible).length;
    count.textContent = total === 0 ? '' : shown === total ? `Study list · ${plural(total, 'entry', 'entries')}` : `Study list · ${shown} of ${plural(total, 'entry', 'entries')} shown`;
    empty.hidden = shown > 0;
    if (total === 0) clear(empty, h('p', { class: 'empty-title' }, 'The quarantine is empty'), h('p', {}, 'Studies sent to Fiona appear here within seconds of arriving.'));
    else if (shown === 0) clear(empty, h('p', { class: 'empty-title' }, 'No study matches'), h('p', {}, 'Try the accession number, a date like 2024-02-29, a modality or a station name.'));
  };

  const close = (uidToClose) => {
    const card = cards.get(uidToClose);
    if (!card) return;
    card.panel.replaceChildren();
    card.panel.hidden = true;
    card.el.classList.remove('selected');
    card.toggle.setAttribute('aria-expanded', 'false');
    card.toggle.textContent = byStudy.has(uidToClose) ? 'Assign again…' : 'Assign…';
    card.toggle.setAttribute('aria-label', `Assign study ${card.name}`);
    if (selected === uidToClose) selected = null;
  };

  const open = (uidToOpen) => {
    if (selected && selected !== uidToOpen) close(selected);
    const card = cards.get(uidToOpen);
    const study = studies.get(uidToOpen);
    selected = uidToOpen;
    card.el.classList.add('selected');
    card.toggle.setAttribute('aria-expanded', 'true');
    card.toggle.textContent = 'Close';
    card.toggle.setAttribute('aria-label', `Close study ${card.name}`);
    const suggestion = suggestProject(study, history(), assignable.filter((p) => p.acceptsAssignments).map((p) => p.name));
    const { form, focus } = assignForm(study, {
      projects: assignable,
      participantsOf,
      suggestion,
      onCancel: () => {
        close(uidToOpen);
        card.toggle.focus();
      },
      onAssigned: (result, choice) => {
        toast(`Assigned to ${choice.project} · ${choice.participant} · ${choice.event}. The transfer is queued.`, 'ok');
        participantCache.delete(choice.project);
        const pending = { id: result?.id ?? result?.transferId, studyInstanceUid: uidToOpen, ...choice, status: result?.status ?? 'queued', createdAt: new Date().toISOString() };
        byStudy.set(uidToOpen, { ...pending, ...(result && typeof result === 'object' ? result : {}) });
        renderTransferLine(card.transfer, byStudy.get(uidToOpen));
        close(uidToOpen);
        card.toggle.focus();
        void feed.refresh();
      },
    });
    form.addEventListener('keydown', (e) => {
      if (e.key !== 'Escape') return;
      close(uidToOpen);
      card.toggle.focus();
    });
    card.panel.replaceChildren(form);
    card.panel.hidden = false;
    focus();
  };

  const makeCard = (study) => {
    const body = h('div', { class: 'study-body' });
    const transfer = h('p', { class: 'transfer-line', hidden: true, 'aria-live': 'polite' });
    const panelId = `panel-${cards.size + 1}`;
    const panel = h('div', { class: 'assign-panel', id: panelId, hidden: true });
    const toggle = h('button', { type: 'button', class: 'secondary', 'aria-expanded': 'false', 'aria-controls': panelId }, 'Assign…');
    const el = h('li', { class: 'study-card', dataset: { uid: study.studyInstanceUid } }, body, h('div', { class: 'study-foot' }, transfer, toggle), panel);
    const card = { el, body, transfer, panel, toggle, name: study.accessionNumber || study.studyInstanceUid };
    toggle.addEventListener('click', () => (selected === study.studyInstanceUid ? close(study.studyInstanceUid) : open(study.studyInstanceUid)));
    // A click anywhere on the summary selects the study too (the button is the keyboard's way).
    body.addEventListener('click', () => {
      if (window.getSelection()?.toString()) return; // copying the accession number is not selecting
      if (selected !== study.studyInstanceUid) open(study.studyInstanceUid);
    });
    toggle.setAttribute('aria-label', `Assign study ${card.name}`);
    cards.set(study.studyInstanceUid, card);
    return card;
  };

  const upsert = (study) => {
    studies.set(study.studyInstanceUid, study);
    const card = cards.get(study.studyInstanceUid) ?? makeCard(study);
    renderStudyBody(card.body, study);
    renderTransferLine(card.transfer, byStudy.get(study.studyInstanceUid));
    card.el.hidden = !visible(study);
  };

  const order = () => {
    const sorted = [...studies.values()].sort((a, b) => (b.lastReceivedAt ?? '').localeCompare(a.lastReceivedAt ?? '') || a.studyInstanceUid.localeCompare(b.studyInstanceUid));
    let anchor = list.firstElementChild;
    for (const s of sorted) {
      const el = cards.get(s.studyInstanceUid).el;
      if (el === anchor) anchor = anchor.nextElementSibling;
      else list.insertBefore(el, anchor);
    }
    updateCount();
  };

  const refilter = () => {
    for (const [uidKey, study] of studies) cards.get(uidKey).el.hidden = !visible(study);
    updateCount();
  };
  search.addEventListener('input', refilter);
  hideAssigned.addEventListener('change', refilter);

  feed.subscribe((transfers, available) => {
    if (!available) return;
    byStudy = latestByStudy(transfers);
    for (const [uidKey, card] of cards) {
      renderTransferLine(card.transfer, byStudy.get(uidKey));
      if (selected !== uidKey) card.toggle.textContent = byStudy.has(uidKey) ? 'Assign again…' : 'Assign…';
    }
    if (hideAssigned.checked) refilter();
  });

  // First load: the studies, the projects this user may assign to, the transfers.
  try {
    const [initial, projects] = await Promise.all([get('/api/studies?limit=500'), get('/api/projects')]);
    assignable = projects.filter((p) => may(session, p, 'studies:assign'));
    for (const s of initial) upsert(s);
    order();
  } catch (err) {
    clear(empty, h('p', { class: 'empty-title' }, 'The study list could not be loaded'), h('p', {}, err.message));
    empty.hidden = false;
  }
  await feed.refresh();

  // Live: each `study` event is a study that just received instances or finished arriving.
  const setLive = (state, text) => {
    live.className = `live live-${state}`;
    live.lastChild.textContent = text;
  };
  let source = null;
  let retry = null;
  const connect = () => {
    source = new EventSource('/api/events');
    source.addEventListener('open', () => setLive('on', 'Live'));
    source.addEventListener('error', () => {
      setLive('connecting', 'Reconnecting…');
      // The browser retries by itself unless the server refused the stream (signed out, no rights).
      if (source.readyState !== EventSource.CLOSED) return;
      retry = setTimeout(async () => {
        try {
          await get('/api/session'); // a 401 here shows the sign-in page
          connect();
        } catch {
          setLive('off', 'Offline');
        }
      }, 5000);
    });
    source.addEventListener('study', (e) => {
      const study = JSON.parse(e.data);
      const isNew = !studies.has(study.studyInstanceUid);
      upsert(study);
      order();
      if (isNew) cards.get(study.studyInstanceUid).el.classList.add('fresh');
    });
  };
  connect();
  // Relative times ("2 minutes ago") stay true.
  const ticker = window.setInterval(() => {
    for (const [uidKey, card] of cards) renderStudyBody(card.body, studies.get(uidKey));
  }, 60000);

  return () => {
    source?.close();
    if (retry) clearTimeout(retry);
    feed.stop();
    window.clearInterval(ticker);
  };
}
