// A project's page: overview, participants, members, the coupling list (owners and data managers) and
// the imaging records in the research PACS; admins edit the project's settings here.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { ApiError } from '../api/client.js';
import { api } from '../api/client.js';
import { may } from '../api/roles.js';
import type { Project } from '../api/types.js';
import type { PageProps } from '../pages.js';
import { PageHeading, Section } from '../ui/page.js';
import { toast } from '../ui/toast.js';
import { AnonymisedCopySection } from './anonymised-copy.js';
import { BirthYearSection } from './birth-year.js';
import { CorrectionsSection } from './corrections.js';
import { CouplingListSection } from './coupling-list.js';
import { MembersSection } from './members.js';
import { ParticipantsSection } from './participants.js';
import { ProjectForm } from './project-form.js';
import { RecordsSection } from './records.js';
import { ProjectTags } from './tags.js';

export function ProjectPage({ session, params, navigate }: PageProps) {
  const name = params[0];
  const [project, setProject] = useState<Project | null>(null);
  const [missing, setMissing] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [waiting, setWaiting] = useState<number | null>(null);
  const [refused, setRefused] = useState<number | null>(null);
  useEffect(() => {
    api.get('/api/projects/{name}', { path: { name } }).then(setProject, (err: ApiError) => setMissing(err.status === 404 ? `There is no project "${name}" you can see.` : err.message));
  }, [name]);
  useEffect(() => {
    // Images held for pixel review are counted here too, so nothing waits unnoticed.
    if (project && may(session, project, 'data:review')) api.get('/api/pixel-reviews/counts').then((c) => setWaiting(c[name] ?? 0), () => setWaiting(null));
    // And instances the de-identification refused, which wait for a decision on the Review page.
    if (project && may(session, project, 'data:review')) api.get('/api/review/refusals/counts').then((c) => setRefused(c[name] ?? 0), () => setRefused(null));
  }, [project]);
  useEffect(() => {
    if (editing) document.querySelector<HTMLElement>('main form :is(input, textarea, select)')?.focus();
  }, [editing]);

  if (missing)
    return (
      <section class="page narrow">
        <PageHeading>Project not found</PageHeading>
        <p>{missing}</p>
        <a href="/projects" data-link>
          Back to your projects
        </a>
      </section>
    );
  if (!project) return null;
  /** Shows the page afresh, with what the server now holds. */
  const reload = () => navigate(location.pathname, { replace: true });
  const d = project.destination;
  const overview: [string, ComponentChildren][] = [
    ['Principal investigator', project.principalInvestigator],
    ['REK number', project.rekNumber],
    ['Approved', project.startDate || project.endDate ? `${project.startDate ?? '…'} – ${project.endDate ?? '…'}` : null],
    ['Participant IDs', <code>{project.participantPattern}</code>],
    ['Events', project.events.join(', ')],
    ['Destination', `${d.aet} at ${d.host}:${d.port}`],
    ['Accepting data', project.acceptsAssignments ? 'Yes' : `No — ${project.assignmentsBlockedBecause ?? ''}`],
  ];
  overview.push([
    'Images',
    <a key="viewer" href={`/projects/${encodeURIComponent(name)}/viewer`} data-link>
      Open the viewer
    </a>,
  ]);
  if (waiting !== null)
    overview.push([
      'Pixel review',
      waiting === 0 ? 'Nothing waits' : (
        <a href={`/pixel-review?project=${encodeURIComponent(name)}`} data-link>
          {`${waiting} ${waiting === 1 ? 'image waits' : 'images wait'}`}
        </a>
      ),
    ]);
  if (refused !== null)
    overview.push([
      'Review',
      <>
        {refused === 0 ? (
          'No refused instance waits'
        ) : (
          <a href={`/review?project=${encodeURIComponent(name)}`} data-link>
            {`${refused} refused ${refused === 1 ? 'instance waits' : 'instances wait'}`}
          </a>
        )}
        {' · '}
        <a href={`/projects/${encodeURIComponent(name)}/dry-run`} data-link>
          Dry run a study
        </a>
      </>,
    ]);

  return (
    <section class="page">
      <a class="back" href="/projects" data-link>
        ← All projects
      </a>
      <div class="page-head">
        <div>
          <PageHeading>
            {project.name} <ProjectTags project={project} />
          </PageHeading>
          <p class="muted lead">{project.description || 'No description'}</p>
        </div>
        {session.user.isAdmin ? (
          <button type="button" class="secondary" onClick={() => setEditing(true)}>
            Edit project
          </button>
        ) : null}
      </div>
      <div>
        {editing ? (
          <ProjectForm
            project={project}
            onSaved={() => {
              toast('Project saved.', 'ok');
              reload();
            }}
            onCancel={() => setEditing(false)}
          />
        ) : null}
      </div>
      <dl class="overview card">
        {overview.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v || '—'}</dd>
          </div>
        ))}
      </dl>
      <div class="two-col">
        <Section title="Participants">
          <ParticipantsSection session={session} project={project} reload={reload} />
        </Section>
        <Section title="Members">
          <MembersSection session={session} project={project} reload={reload} />
        </Section>
      </div>
      {may(session, project, 'participants:manage') ? <CouplingListSection project={project} /> : null}
      <Section title="Imaging records">
        <RecordsSection project={project} />
      </Section>
      <Section title="Corrections">
        <CorrectionsSection session={session} project={project} />
      </Section>
      {session.user.isAdmin ? (
        <Section title="Birth year in exports">
          <BirthYearSection project={project} reload={reload} />
        </Section>
      ) : null}
      {session.user.isAdmin && (project.status === 'archived' || project.status === 'handed-over') ? (
        <Section title="Anonymised copy">
          <AnonymisedCopySection project={project} />
        </Section>
      ) : null}
    </section>
  );
}
