// Projects: members see their projects with participants, events and imaging records; owners manage
// members and roles; admins create and edit projects. What a user may not see, the API does not send.
import { del, get, may, patch, post, PROJECT_ROLES } from './api.js';
import { clear, dateTime, dicomDateTime, field, h, plural, toast } from './dom.js';
import { projectForm } from './project-form.js';
import { exampleId, participantProblem } from './participant-rule.js';
import { couplingListSection } from './coupling-list.js';

function tags(p) {
  return h(
    'span',
    { class: 'tags' },
    h('span', { class: `tag tag-${p.status}` }, p.status),
    p.myRole ? h('span', { class: 'tag tag-role' }, p.myRole) : null,
    p.acceptsAssignments ? null : h('span', { class: 'tag tag-closed', title: p.assignmentsBlockedBecause ?? '' }, 'closed'),
  );
}

export async function renderProjects(main, { session, navigate }) {
  const grid = h('ul', { class: 'project-grid', 'aria-label': 'Your projects' });
  const formSlot = h('div');
  const newButton = session.user.isAdmin
    ? h(
        'button',
        {
          type: 'button',
          class: 'primary',
          onclick: () => {
            clear(
              formSlot,
              projectForm(null, {
                onSaved: (p) => {
                  toast(`Project ${p.name} created.`, 'ok');
                  navigate(`/projects/${encodeURIComponent(p.name)}`);
                },
                onCancel: () => clear(formSlot),
              }),
            );
            formSlot.querySelector('input')?.focus();
          },
        },
        'New project',
      )
    : null;
  clear(
    main,
    h(
      'section',
      { class: 'page' },
      h('div', { class: 'page-head' }, h('div', {}, h('h1', {}, 'Projects'), h('p', { class: 'muted lead' }, session.user.isAdmin ? 'Every project on this Fiona.' : 'The projects you are a member of.')), newButton),
      formSlot,
      grid,
    ),
  );
  let projects;
  try {
    projects = await get('/api/projects');
  } catch (err) {
    grid.replaceWith(h('p', { class: 'form-error' }, err.message));
    return;
  }
  if (projects.length === 0) {
    grid.replaceWith(h('div', { class: 'empty' }, h('p', { class: 'empty-title' }, 'No projects yet'), h('p', {}, session.user.isAdmin ? 'Create the first one with "New project".' : 'Ask a project owner to add you as a member.')));
    return;
  }
  for (const p of projects) {
    grid.append(
      h(
        'li',
        { class: 'card project-card' },
        h('div', { class: 'project-card-head' }, h('h2', {}, h('a', { href: `/projects/${encodeURIComponent(p.name)}`, 'data-link': true }, p.name)), tags(p)),
        h('p', { class: 'muted' }, p.description || 'No description'),
        h('dl', { class: 'mini' }, h('div', {}, h('dt', {}, 'Events'), h('dd', {}, p.events.join(', '))), h('div', {}, h('dt', {}, 'IDs'), h('dd', { class: 'mono' }, p.participantPattern)), p.principalInvestigator ? h('div', {}, h('dt', {}, 'PI'), h('dd', {}, p.principalInvestigator)) : null),
      ),
    );
  }
}

function section(title, ...content) {
  const id = `sec-${title.toLowerCase().replace(/[^a-z]+/g, '-')}`;
  return h('section', { class: 'card section', 'aria-labelledby': id }, h('h2', { id }, title), ...content);
}

function simpleTable(caption, columns, rows) {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'data-table' },
      h('caption', { class: 'visually-hidden' }, caption),
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, c.label ? c.label : h('span', { class: 'visually-hidden' }, c.hidden))))),
      h('tbody', {}, rows.map((r) => h('tr', {}, columns.map((c) => h('td', { 'data-label': c.label || null }, c.class ? h('span', { class: c.class }, c.value(r)) : c.value(r)))))),
    ),
  );
}

export async function renderProject(main, { session, params, navigate }) {
  const name = params[0];
  let project;
  try {
    project = await get(`/api/projects/${encodeURIComponent(name)}`);
  } catch (err) {
    clear(main, h('section', { class: 'page narrow' }, h('h1', {}, 'Project not found'), h('p', {}, err.status === 404 ? `There is no project "${name}" you can see.` : err.message), h('a', { href: '/projects', 'data-link': true }, 'Back to your projects')));
    return;
  }
  const reload = () => navigate(location.pathname, { replace: true });
  const participantsSlot = h('div', {}, h('p', { class: 'muted' }, 'Loading…'));
  const recordsSlot = h('div', {}, h('p', { class: 'muted' }, 'Loading…'));
  const membersSlot = h('div', {}, h('p', { class: 'muted' }, 'Loading…'));
  const settingsSlot = h('div');
  const d = project.destination;

  clear(
    main,
    h(
      'section',
      { class: 'page' },
      h('a', { class: 'back', href: '/projects', 'data-link': true }, '← All projects'),
      h('div', { class: 'page-head' }, h('div', {}, h('h1', {}, project.name, ' ', tags(project)), h('p', { class: 'muted lead' }, project.description || 'No description')), session.user.isAdmin ? h('button', { type: 'button', class: 'secondary', onclick: () => openSettings() }, 'Edit project') : null),
      settingsSlot,
      h(
        'dl',
        { class: 'overview card' },
        [
          ['Principal investigator', project.principalInvestigator],
          ['REK number', project.rekNumber],
          ['Approved', project.startDate || project.endDate ? `${project.startDate ?? '…'} – ${project.endDate ?? '…'}` : null],
          ['Participant IDs', h('code', {}, project.participantPattern)],
          ['Events', project.events.join(', ')],
          ['Destination', `${d.aet} at ${d.host}:${d.port}`],
          ['Accepting data', project.acceptsAssignments ? 'Yes' : `No — ${project.assignmentsBlockedBecause ?? ''}`],
        ].map(([k, v]) => h('div', {}, h('dt', {}, k), h('dd', {}, v || '—'))),
      ),
      h('div', { class: 'two-col' }, section('Participants', participantsSlot), section('Members', membersSlot)),
      may(session, project, 'participants:manage') ? couplingListSection(project) : null,
      section('Imaging records', recordsSlot),
    ),
  );

  function openSettings() {
    clear(
      settingsSlot,
      projectForm(project, {
        onSaved: () => {
          toast('Project saved.', 'ok');
          reload();
        },
        onCancel: () => clear(settingsSlot),
      }),
    );
    settingsSlot.querySelector('input, textarea, select')?.focus();
  }

  const enc = encodeURIComponent(name);

  // Participants, and registering one (data managers and owners).
  void (async () => {
    try {
      const list = await get(`/api/projects/${enc}/participants`);
      const table = list.length
        ? simpleTable('Participants', [{ label: 'ID', value: (p) => p.id, class: 'mono' }, { label: 'Group', value: (p) => p.dataAccessGroup ?? '—' }, { label: 'Added', value: (p) => dateTime(p.createdAt) }], list)
        : h('p', { class: 'empty-inline' }, 'No participants yet.');
      let form = null;
      if (may(session, project, 'participants:manage')) {
        const id = h('input', { name: 'id', spellcheck: 'false', autocomplete: 'off' });
        const msg = h('p', { class: 'field-msg', 'aria-live': 'polite' });
        const ex = exampleId(project.participantPattern);
        id.addEventListener('input', () => {
          const problem = id.value ? participantProblem(project.participantPattern, id.value) : null;
          msg.textContent = problem ?? '';
          msg.className = `field-msg${problem ? ' bad' : ''}`;
          if (problem) id.setAttribute('aria-invalid', 'true');
          else id.removeAttribute('aria-invalid');
        });
        form = h(
          'form',
          {
            class: 'inline-form',
            novalidate: true,
            onsubmit: async (e) => {
              e.preventDefault();
              const problem = participantProblem(project.participantPattern, id.value);
              if (problem) {
                msg.textContent = problem;
                msg.className = 'field-msg bad';
                id.focus();
                return;
              }
              try {
                await post(`/api/projects/${enc}/participants`, { id: id.value });
                toast(`Participant ${id.value} added.`, 'ok');
                reload();
              } catch (err) {
                msg.textContent = err.message;
                msg.className = 'field-msg bad';
              }
            },
          },
          field('New participant ID', id, { hint: h('span', {}, 'Must match ', h('code', {}, project.participantPattern), ex ? `, e.g. ${ex}` : '') }),
          msg,
          h('button', { type: 'submit', class: 'secondary' }, 'Add participant'),
        );
      }
      clear(participantsSlot, h('p', { class: 'muted' }, plural(list.length, 'participant')), table, form);
    } catch (err) {
      clear(participantsSlot, h('p', { class: 'muted' }, err.message));
    }
  })();

  // Members, with role changes and removal for owners and admins.
  void (async () => {
    try {
      const members = await get(`/api/projects/${enc}/members`);
      const manage = may(session, project, 'members:manage');
      const roleSelect = (m) => {
        const select = h('select', { 'aria-label': `Role of ${m.username}` }, PROJECT_ROLES.map((r) => h('option', { value: r, selected: r === m.role }, r)));
        select.addEventListener('change', async () => {
          try {
            await patch(`/api/projects/${enc}/members/${encodeURIComponent(m.username)}`, { role: select.value });
            toast(`${m.username} is now ${select.value}.`, 'ok');
          } catch (err) {
            toast(err.message, 'error');
            select.value = m.role;
          }
        });
        return select;
      };
      const columns = [
        { label: 'User', value: (m) => m.username },
        { label: 'Role', value: (m) => (manage ? roleSelect(m) : m.role) },
        { label: 'Group', value: (m) => m.dataAccessGroup ?? '—' },
      ];
      if (manage) {
        columns.push({
          hidden: 'Actions',
          value: (m) =>
            h(
              'button',
              {
                type: 'button',
                class: 'ghost small',
                'aria-label': `Remove ${m.username}`,
                onclick: async () => {
                  if (!window.confirm(`Remove ${m.username} from ${name}? Their access ends at once.`)) return;
                  try {
                    await del(`/api/projects/${enc}/members/${encodeURIComponent(m.username)}`);
                    reload();
                  } catch (err) {
                    toast(err.message, 'error');
                  }
                },
              },
              'Remove',
            ),
        });
      }
      let form = null;
      if (manage) {
        const username = h('input', { name: 'username', autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false' });
        const role = h('select', { name: 'role' }, PROJECT_ROLES.map((r) => h('option', { value: r, selected: r === 'data-entry' }, r)));
        const err = h('p', { class: 'form-error', role: 'alert' });
        form = h(
          'form',
          {
            class: 'inline-form',
            novalidate: true,
            onsubmit: async (e) => {
              e.preventDefault();
              try {
                await post(`/api/projects/${enc}/members`, { username: username.value.trim(), role: role.value });
                toast(`${username.value.trim()} added as ${role.value}.`, 'ok');
                reload();
              } catch (x) {
                err.textContent = x.message;
              }
            },
          },
          h('div', { class: 'pair' }, field('Username', username), field('Role', role)),
          err,
          h('button', { type: 'submit', class: 'secondary' }, 'Add member'),
        );
      }
      clear(membersSlot, simpleTable('Members', columns, members), form);
    } catch (err) {
      clear(membersSlot, h('p', { class: 'muted' }, err.status === 403 ? 'Only owners see the member list.' : err.message));
    }
  })();

  // Imaging records: what has been transferred to the research PACS.
  void (async () => {
    try {
      const records = await get(`/api/projects/${enc}/studies`);
      if (records.length === 0) return clear(recordsSlot, h('p', { class: 'empty-inline' }, 'Nothing has been sent to the research PACS yet.'));
      clear(
        recordsSlot,
        simpleTable(
          'Imaging records',
          [
            { label: 'Participant', value: (r) => r.participant, class: 'mono' },
            { label: 'Event', value: (r) => r.event },
            { label: 'Modalities', value: (r) => (r.modalities ?? []).join(', ') || '—' },
            { label: 'Study date', value: (r) => dicomDateTime(r.studyDate) || '—' },
            { label: 'Series', value: (r) => r.seriesCount ?? '—' },
            { label: 'Images sent', value: (r) => r.instancesSent ?? '—' },
            { label: 'In research PACS', value: (r) => (r.pacsInstances === null || r.pacsInstances === undefined ? 'not checked yet' : `${r.pacsInstances} images`) },
            { label: 'Transferred', value: (r) => dateTime(r.transferredAt) || '—' },
          ],
          records,
        ),
      );
    } catch (err) {
      clear(recordsSlot, h('p', { class: 'muted' }, err.status === 404 ? 'Imaging records are not available on this server yet.' : err.message));
    }
  })();
}
