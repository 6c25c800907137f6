// The admin's project form: create (name, rules, destination) or edit (also status and the
// de-identification options, drawn from the project's own option set so the form never drifts).
import { patch, post } from './api.js';
import { field, h } from './dom.js';

const STATUSES = ['development', 'active', 'archived'];

function humanize(key) {
  const words = key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().replace(/\buids?\b/g, (w) => w.toUpperCase());
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** @param project the project to edit, or null to create one; onSaved(project) */
export function projectForm(project, { onSaved, onCancel }) {
  const editing = Boolean(project);
  const input = (name, value, attrs = {}) => h('input', { name, value: value ?? '', ...attrs });
  const f = {
    name: editing ? null : input('name', '', { required: true, pattern: '[A-Za-z0-9_-]{5,20}', autocapitalize: 'none', spellcheck: 'false' }),
    description: h('textarea', { name: 'description', rows: 2 }, project?.description ?? ''),
    principalInvestigator: input('principalInvestigator', project?.principalInvestigator),
    rekNumber: input('rekNumber', project?.rekNumber),
    startDate: input('startDate', project?.startDate, { type: 'date' }),
    endDate: input('endDate', project?.endDate, { type: 'date' }),
    participantPattern: input('participantPattern', project?.participantPattern, { required: true, spellcheck: 'false', class: 'mono' }),
    events: input('events', project?.events.join(', '), { required: true }),
    aet: input('aet', project?.destination.aet, { required: true, maxlength: 16, spellcheck: 'false' }),
    host: input('host', project?.destination.host, { required: true, spellcheck: 'false' }),
    port: input('port', project?.destination.port, { required: true, type: 'number', min: 1, max: 65535 }),
    status: editing ? h('select', { name: 'status' }, STATUSES.map((s) => h('option', { value: s, selected: s === project.status }, s))) : null,
  };
  const rule = project?.autoIdRule ?? null;
  const auto = editing && 'autoIdRule' in project
    ? {
        field: h('select', { name: 'autoIdField' }, ['PatientID', 'PatientName'].map((v) => h('option', { value: v, selected: v === (rule?.field ?? 'PatientID') }, v))),
        pattern: input('autoIdPattern', rule?.pattern, { spellcheck: 'false', class: 'mono', placeholder: 'e.g. ^QA_(thx\\d{3})$' }),
        event: h('select', { name: 'autoIdEvent' }, project.events.map((e) => h('option', { value: e, selected: e === rule?.event }, e))),
      }
    : null;
  const deid = [];
  if (editing) {
    for (const [key, value] of Object.entries(project.deidOptions ?? {})) {
      if (typeof value === 'boolean') deid.push({ key, el: h('input', { type: 'checkbox', name: key, checked: value }), read: (el) => el.checked, check: true });
      else if (key === 'accessionNumber') deid.push({ key, el: h('select', { name: key }, ['empty', 'hmac'].map((v) => h('option', { value: v, selected: v === value }, v))), read: (el) => el.value });
      else if (Array.isArray(value)) deid.push({ key, el: h('textarea', { name: key, rows: 2, class: 'mono' }, value.join('\n')), read: (el) => el.value.split('\n').map((x) => x.trim()).filter(Boolean) });
    }
    deid.sort((a, b) => Number(Boolean(b.check)) - Number(Boolean(a.check)));
  }
  const error = h('p', { class: 'form-error', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'primary' }, editing ? 'Save changes' : 'Create project');

  const form = h(
    'form',
    {
      class: 'card form-card',
      novalidate: true,
      'aria-label': editing ? `Edit project ${project.name}` : 'New project',
      onsubmit: async (e) => {
        e.preventDefault();
        error.textContent = '';
        const text = (el) => (el.value.trim() === '' ? null : el.value.trim());
        const body = {
          description: text(f.description),
          principalInvestigator: text(f.principalInvestigator),
          rekNumber: text(f.rekNumber),
          startDate: text(f.startDate),
          endDate: text(f.endDate),
          participantPattern: f.participantPattern.value.trim(),
          events: f.events.value.split(',').map((x) => x.trim()).filter(Boolean),
          destination: { aet: f.aet.value.trim(), host: f.host.value.trim(), port: Number(f.port.value) },
        };
        if (editing) {
          body.status = f.status.value;
          body.deidOptions = Object.fromEntries(deid.map((d) => [d.key, d.read(d.el)]));
          if (auto) body.autoIdRule = auto.pattern.value.trim() ? { field: auto.field.value, pattern: auto.pattern.value.trim(), event: auto.event.value } : null;
        } else body.name = f.name.value.trim();
        submit.disabled = true;
        try {
          const saved = editing ? await patch(`/api/projects/${encodeURIComponent(project.name)}`, body) : await post('/api/projects', body);
          onSaved(saved);
        } catch (err) {
          error.textContent = err.message;
          const target = err.field && form.querySelector(`[name="${err.field.split('.').pop()}"]`);
          if (target) target.focus();
        } finally {
          submit.disabled = false;
        }
      },
    },
    h('h2', {}, editing ? 'Project settings' : 'New project'),
    h(
      'div',
      { class: 'form-grid' },
      f.name ? field('Name', f.name, { hint: '5–20 letters, digits, "-" or "_". It never changes.' }) : null,
      field('Principal investigator', f.principalInvestigator),
      h('div', { class: 'span-2' }, field('Description', f.description)),
      field('REK number', f.rekNumber, { hint: 'Ethics approval' }),
      h('div', { class: 'pair' }, field('Approved from', f.startDate), field('Approved until', f.endDate)),
      field('Participant ID pattern', f.participantPattern, { hint: 'A regular expression every participant ID must match in full, e.g. abc\\d{3}' }),
      field('Events', f.events, { hint: 'Comma-separated, in order, e.g. baseline, followup. Events can be added, not removed.' }),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Destination (research PACS)'),
      h('div', { class: 'form-grid three' }, field('AE title', f.aet), field('Host', f.host), field('Port', f.port)),
    ),
    editing ? h('div', { class: 'form-grid' }, field('Status', f.status, { hint: 'Archived projects take no new data.' })) : null,
    auto
      ? h(
          'fieldset',
          {},
          h('legend', {}, 'Automatic assignment (auto-ID)'),
          h('p', { class: 'hint' }, 'Studies whose incoming patient field matches this regular expression are assigned without a person; its capture group is the participant ID. Leave the pattern empty for none.'),
          h('div', { class: 'form-grid three' }, field('Patient field', auto.field), field('Pattern', auto.pattern), field('Event for matches', auto.event)),
        )
      : null,
    deid.length
      ? h(
          'fieldset',
          {},
          h('legend', {}, 'De-identification'),
          h(
            'div',
            { class: 'checks' },
            deid.map((d) => (d.check ? h('label', { class: 'check' }, d.el, humanize(d.key)) : h('div', { class: 'span-all' }, field(humanize(d.key), d.el)))),
          ),
        )
      : null,
    error,
    h('div', { class: 'actions' }, submit, h('button', { type: 'button', class: 'ghost', onclick: onCancel }, 'Cancel')),
  );
  return form;
}
