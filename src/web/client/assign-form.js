// The assign panel under a selected study: Project, then that project's Participant (existing or new,
// checked against the project's rule as it is typed) and Event, then Assign.
import { post } from './api.js';
import { field, h, uid } from './dom.js';
import { exampleId, participantProblem } from './participant-rule.js';

function orList(words) {
  return words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/**
 * @param study the quarantine study
 * @param ctx { projects, participantsOf(name) → Promise<string[]>, suggestion, onAssigned(result, choice), onCancel }
 */
export function assignForm(study, ctx) {
  const { projects } = ctx;
  const project = h(
    'select',
    { name: 'project', required: true },
    h('option', { value: '' }, projects.length ? 'Choose a project' : 'No project you may assign to'),
    projects.map((p) => h('option', { value: p.name, disabled: !p.acceptsAssignments }, p.acceptsAssignments ? p.name : `${p.name} (closed: ${p.assignmentsBlockedBecause ?? 'not accepting data'})`)),
  );
  const listId = uid('participants');
  const datalist = h('datalist', { id: listId });
  const participant = h('input', { name: 'participant', list: listId, autocomplete: 'off', spellcheck: 'false', disabled: true, placeholder: 'Choose a project first' });
  const ruleHint = h('p', { class: 'hint', 'aria-live': 'polite' }, 'Choose a project to see its participants and its rule for new IDs.');
  const participantMsg = h('p', { class: 'field-msg', 'aria-live': 'polite' });
  const event = h('select', { name: 'event', disabled: true }, h('option', { value: '' }, 'Choose a project first'));
  const error = h('p', { class: 'form-error', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Assign');
  let existing = new Set();
  let current = null;

  const checkParticipant = () => {
    participant.removeAttribute('aria-invalid');
    participantMsg.className = 'field-msg';
    const id = participant.value;
    if (!current || !id) {
      participantMsg.textContent = '';
      return null;
    }
    if (existing.has(id)) {
      participantMsg.textContent = `✓ Existing participant in ${current.name}.`;
      participantMsg.classList.add('ok');
      return null;
    }
    const problem = participantProblem(current.participantPattern, id);
    if (problem) {
      participantMsg.textContent = problem;
      participantMsg.classList.add('bad');
      participant.setAttribute('aria-invalid', 'true');
      return problem;
    }
    participantMsg.textContent = `✓ New participant: ${id} will be added to ${current.name}.`;
    participantMsg.classList.add('ok');
    return null;
  };

  const chooseProject = async (name) => {
    current = projects.find((p) => p.name === name) ?? null;
    error.textContent = '';
    datalist.replaceChildren();
    existing = new Set();
    event.replaceChildren(h('option', { value: '' }, current ? 'Choose an event' : 'Choose a project first'));
    participant.disabled = !current;
    event.disabled = !current;
    participant.placeholder = current ? 'Type or pick an ID' : 'Choose a project first';
    if (!current) {
      ruleHint.textContent = 'Choose a project to see its participants and its rule for new IDs.';
      checkParticipant();
      return;
    }
    for (const e of current.events) event.append(h('option', { value: e }, e));
    if (current.events.length === 1) event.value = current.events[0];
    const example = exampleId(current.participantPattern);
    ruleHint.replaceChildren('New IDs must match ', h('code', {}, current.participantPattern), example ? ` (for example ${example})` : '', '.');
    try {
      const ids = await ctx.participantsOf(current.name);
      if (current?.name !== name) return;
      existing = new Set(ids);
      for (const id of ids) datalist.append(h('option', { value: id }));
      ruleHint.append(` ${ids.length} existing participant${ids.length === 1 ? '' : 's'}.`);
    } catch {
      // listing participants is a nicety; assigning still works
    }
    checkParticipant();
  };

  project.addEventListener('change', () => void chooseProject(project.value));
  participant.addEventListener('input', checkParticipant);

  const suggestion = ctx.suggestion
    ? h(
        'div',
        { class: 'suggestion' },
        h('span', { class: 'suggestion-icon', 'aria-hidden': 'true' }, '✦'),
        h(
          'p',
          {},
          'Our learning machine thinks this belongs to ',
          h('strong', {}, ctx.suggestion.project),
          ` — ${ctx.suggestion.count} earlier ${ctx.suggestion.count === 1 ? 'study' : 'studies'} with the same ${orList(ctx.suggestion.because)} went there.`,
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'secondary small',
            onclick: () => {
              project.value = ctx.suggestion.project;
              void chooseProject(ctx.suggestion.project).then(() => participant.focus());
            },
          },
          `Use ${ctx.suggestion.project}`,
        ),
      )
    : null;

  const form = h(
    'form',
    {
      class: 'assign-form',
      novalidate: true,
      'aria-label': `Assign study ${study.accessionNumber ?? study.studyInstanceUid}`,
      onsubmit: async (e) => {
        e.preventDefault();
        error.textContent = '';
        if (!current) {
          error.textContent = 'Choose the project this study belongs to.';
          project.focus();
          return;
        }
        const problem = participant.value ? checkParticipant() : 'Enter or pick a participant ID.';
        if (problem) {
          error.textContent = participant.value ? `Not assigned: the participant ID must follow ${current.name}'s rule (${current.participantPattern}).` : problem;
          participant.setAttribute('aria-invalid', 'true');
          participant.focus();
          return;
        }
        if (!event.value) {
          error.textContent = 'Choose the event this study belongs to.';
          event.focus();
          return;
        }
        const choice = { project: current.name, participant: participant.value, event: event.value };
        submit.disabled = true;
        submit.textContent = 'Assigning…';
        try {
          const result = await post(`/api/studies/${encodeURIComponent(study.studyInstanceUid)}/assign`, choice);
          ctx.onAssigned(result, choice);
        } catch (err) {
          error.textContent = err.status === 404 && !err.field ? `Could not assign: ${err.message}` : err.message;
          if (err.field === 'participant') participant.focus();
        } finally {
          submit.disabled = false;
          submit.textContent = 'Assign';
        }
      },
    },
    suggestion,
    h('div', { class: 'assign-grid' }, field('Project', project), h('div', { class: 'field-participant' }, field('Participant', participant), ruleHint, participantMsg, datalist), field('Event', event)),
    error,
    h('div', { class: 'actions' }, submit, h('button', { type: 'button', class: 'ghost', onclick: ctx.onCancel }, 'Cancel')),
  );
  // The hints belong to the participant field for screen readers too.
  ruleHint.id = uid('rule');
  participantMsg.id = uid('pmsg');
  participant.setAttribute('aria-describedby', `${ruleHint.id} ${participantMsg.id}`);
  if (projects.length === 1) {
    project.value = projects[0].name;
    void chooseProject(projects[0].name);
  }
  return { form, focus: () => (projects.length === 1 ? participant : project).focus() };
}
