// The assign panel under a selected study: Project, then that project's Participant (existing or new,
// checked against the project's rule as it is typed) and Event, then Assign.
import type { Ref } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { ApiError} from '../api/client.js';
import { api, type ApiResult } from '../api/client.js';
import type { Project, Study } from '../api/types.js';
import { exampleId, participantProblem } from '../projects/participant-rule.js';
import { Field } from '../ui/field.js';
import type { Suggestion } from './suggest.js';

export type AssignResult = ApiResult<'/api/studies/{studyInstanceUid}/assign', 'post'>;
export interface Choice {
  project: string;
  participant: string;
  event: string;
}

export interface AssignFormProps {
  study: Study;
  /** The projects this user may assign to (closed ones are shown, disabled). */
  projects: Project[];
  participantsOf(project: string): Promise<string[]>;
  suggestion: Suggestion | null;
  onAssigned(result: AssignResult, choice: Choice): void;
  onCancel(): void;
}

/** Why the form cannot be sent as it stands, and which field to blame; null when it can. */
function refusal(project: Project | null, participant: string, problem: string | null, event: string): { message: string; blame: 'project' | 'participant' | 'event' } | null {
  if (!project) return { message: 'Choose the project this study belongs to.', blame: 'project' };
  if (!participant) return { message: 'Enter or pick a participant ID.', blame: 'participant' };
  if (problem) return { message: `Not assigned: the participant ID must follow ${project.name}'s rule (${project.participantPattern}).`, blame: 'participant' };
  if (!event) return { message: 'Choose the event this study belongs to.', blame: 'event' };
  return null;
}

/** Why projects in the list take no studies now, in words (an ended ethics approval says what helps). */
export function closedProjectsNote(projects: Project[]): string {
  return projects
    .filter((p) => !p.acceptsAssignments)
    .map((p) => {
      const why = p.assignmentsBlockedBecause ?? 'it does not accept data';
      const help = /approval ended/.test(why) ? ' Studies cannot be assigned to it; once the ethics committee has extended the approval, a site admin enters the new end date.' : '';
      return `${p.name} takes no new studies: ${why}.${help}`;
    })
    .join(' ');
}

function orList(words: string[]): string {
  return words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

export function AssignForm({ study, projects, participantsOf, suggestion, onAssigned, onCancel }: AssignFormProps) {
  const only = projects.length === 1 ? projects[0] : null;
  const [projectName, setProjectName] = useState(only?.name ?? '');
  const [participant, setParticipant] = useState('');
  const [event, setEvent] = useState(only?.events.length === 1 ? only.events[0] : '');
  const [existing, setExisting] = useState<string[] | null>(null);
  const [error, setError] = useState('');
  const [emptyRefused, setEmptyRefused] = useState(false);
  const [busy, setBusy] = useState(false);
  const projectRef = useRef<HTMLSelectElement>(null);
  const participantRef = useRef<HTMLInputElement>(null);
  const eventRef = useRef<HTMLSelectElement>(null);
  /** Focus to move once the next render has enabled the element. */
  const focusNext = useRef<HTMLElement | null>(null);
  const current = projects.find((p) => p.name === projectName) ?? null;

  useEffect(() => (only ? participantRef : projectRef).current?.focus(), []);
  useEffect(() => {
    focusNext.current?.focus();
    focusNext.current = null;
  });
  // The chosen project's participants: the datalist and "existing participant" checks (a nicety: assigning works without).
  useEffect(() => {
    setExisting(null);
    if (!current) return;
    let still = true;
    participantsOf(current.name).then(
      (list) => still && setExisting(list),
      () => undefined,
    );
    return () => {
      still = false;
    };
  }, [current?.name]);

  const chooseProject = (name: string) => {
    const next = projects.find((p) => p.name === name) ?? null;
    setProjectName(next?.name ?? '');
    setError('');
    setEvent(next?.events.length === 1 ? next.events[0] : '');
  };

  // What the Participant field says about the ID as it stands.
  const isExisting = Boolean(current && participant && existing?.includes(participant));
  const problem = current && participant && !isExisting ? participantProblem(current.participantPattern, participant) : null;
  const message = !current || !participant ? '' : isExisting ? `✓ Existing participant in ${current.name}.` : (problem ?? `✓ New participant: ${participant} will be added to ${current.name}.`);
  const messageClass = !message ? 'field-msg' : problem ? 'field-msg bad' : 'field-msg ok';

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const refused = refusal(current, participant, problem, event);
    setError(refused?.message ?? '');
    if (refused) {
      if (refused.blame === 'participant') setEmptyRefused(!participant);
      ({ project: projectRef, participant: participantRef, event: eventRef })[refused.blame].current?.focus();
      return;
    }
    if (!current) return;
    const choice = { project: current.name, participant, event };
    setBusy(true);
    try {
      const result = await api.post('/api/studies/{studyInstanceUid}/assign', { path: { studyInstanceUid: study.studyInstanceUid }, body: choice });
      onAssigned(result, choice);
    } catch (err) {
      const x = err as ApiError;
      setError(x.status === 404 && !x.field ? `Could not assign: ${x.message}` : x.message);
      if (x.field === 'participant') participantRef.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      class="assign-form"
      noValidate
      aria-label={`Assign study ${study.accessionNumber ?? study.studyInstanceUid}`}
      onSubmit={submit}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel();
      }}
    >
      {suggestion ? (
        <SuggestionNote
          suggestion={suggestion}
          closed={projects.find((p) => p.name === suggestion.project && !p.acceptsAssignments)?.assignmentsBlockedBecause ?? null}
          onUse={() => {
            chooseProject(suggestion.project);
            focusNext.current = participantRef.current;
          }}
        />
      ) : null}
      <div class="assign-grid">
        <Field label="Project" message={closedProjectsNote(projects) || undefined} messageClass="field-msg bad">
          <select ref={projectRef} name="project" required value={projectName} onChange={(e) => chooseProject(e.currentTarget.value)}>
            <option value="">{projects.length ? 'Choose a project' : 'No project you may assign to'}</option>
            {projects.map((p) => (
              <option key={p.name} value={p.name} disabled={!p.acceptsAssignments}>
                {p.acceptsAssignments ? p.name : `${p.name} (closed: ${p.assignmentsBlockedBecause ?? 'not accepting data'})`}
              </option>
            ))}
          </select>
        </Field>
        <ParticipantField
          inputRef={participantRef}
          project={current}
          value={participant}
          existing={existing}
          invalid={Boolean(problem) || (emptyRefused && !participant)}
          onInput={(value) => {
            setParticipant(value);
            setEmptyRefused(false);
          }}
          message={message}
          messageClass={messageClass}
        />
        <Field label="Event">
          <select ref={eventRef} name="event" disabled={!current} value={event} onChange={(e) => setEvent(e.currentTarget.value)}>
            <option value="">{current ? 'Choose an event' : 'Choose a project first'}</option>
            {(current?.events ?? []).map((ev) => (
              <option key={ev} value={ev}>
                {ev}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <p class="form-error" role="alert">
        {error}
      </p>
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Assigning…' : 'Assign'}
        </button>
        <button type="button" class="ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function SuggestionNote({ suggestion, closed, onUse }: { suggestion: Suggestion; closed: string | null; onUse: () => void }) {
  return (
    <div class="suggestion">
      <span class="suggestion-icon" aria-hidden="true">
        ✦
      </span>
      <p>
        Our learning machine thinks this belongs to <strong>{suggestion.project}</strong>
        {` — ${suggestion.count} earlier ${suggestion.count === 1 ? 'study' : 'studies'} with the same ${orList(suggestion.because)} went there.`}
      </p>
      {closed ? (
        <p class="field-msg bad">{`${suggestion.project} takes no new studies: ${closed}.`}</p>
      ) : (
        <button type="button" class="secondary small" onClick={onUse}>
          {`Use ${suggestion.project}`}
        </button>
      )}
    </div>
  );
}

interface ParticipantFieldProps {
  inputRef: Ref<HTMLInputElement>;
  project: Project | null;
  value: string;
  /** The project's participants, once loaded. */
  existing: string[] | null;
  invalid: boolean;
  onInput(value: string): void;
  message: string;
  messageClass: string;
}

/** Participant: existing IDs to pick from, the project's rule for new ones, and what is wrong with the typed one. */
function ParticipantField({ inputRef, project, value, existing, invalid, onInput, message, messageClass }: ParticipantFieldProps) {
  const ids = { list: useId(), rule: useId(), message: useId() };
  const example = project ? exampleId(project.participantPattern) : null;
  return (
    <div class="field-participant">
      <Field label="Participant">
        <input
          ref={inputRef}
          name="participant"
          list={ids.list}
          autocomplete="off"
          spellcheck={false}
          disabled={!project}
          placeholder={project ? 'Type or pick an ID' : 'Choose a project first'}
          value={value}
          aria-invalid={invalid ? 'true' : undefined}
          aria-describedby={`${ids.rule} ${ids.message}`}
          onInput={(e) => onInput(e.currentTarget.value)}
        />
      </Field>
      <p class="hint" id={ids.rule} aria-live="polite">
        {project ? (
          <>
            New IDs must match <code>{project.participantPattern}</code>
            {example ? ` (for example ${example})` : ''}.{existing ? ` ${existing.length} existing participant${existing.length === 1 ? '' : 's'}.` : ''}
          </>
        ) : (
          'Choose a project to see its participants and its rule for new IDs.'
        )}
      </p>
      <p class={messageClass} id={ids.message} aria-live="polite">
        {message}
      </p>
      <datalist id={ids.list}>
        {(existing ?? []).map((id) => (
          <option key={id} value={id} />
        ))}
      </datalist>
    </div>
  );
}
