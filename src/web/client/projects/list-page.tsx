// Projects: members see their projects; admins see every project and create new ones. What a user may
// not see, the API does not send.
import { useEffect, useState } from 'preact/hooks';
import type { ApiError } from '../api/client.js';
import { api } from '../api/client.js';
import type { Project } from '../api/types.js';
import type { PageProps } from '../pages.js';
import { PageHeading } from '../ui/page.js';
import { toast } from '../ui/toast.js';
import { ProjectForm } from './project-form.js';
import { ProjectTags } from './tags.js';

export function ProjectsPage({ session, navigate }: PageProps) {
  const admin = session.user.isAdmin;
  const [projects, setProjects] = useState<Project[] | null>(null);
  const [error, setError] = useState('');
  const [creating, setCreating] = useState(false);
  useEffect(() => {
    api.get('/api/projects').then(setProjects, (err: ApiError) => setError(err.message));
  }, []);
  useEffect(() => {
    if (creating) document.querySelector<HTMLInputElement>('main form input')?.focus();
  }, [creating]);

  return (
    <section class="page">
      <div class="page-head">
        <div>
          <PageHeading>Projects</PageHeading>
          <p class="muted lead">{admin ? 'Every project on this Fiona.' : 'The projects you are a member of.'}</p>
        </div>
        {admin ? (
          <button type="button" class="primary" onClick={() => setCreating(true)}>
            New project
          </button>
        ) : null}
      </div>
      <div>
        {creating ? (
          <ProjectForm
            project={null}
            onSaved={(p) => {
              toast(`Project ${p.name} created.`, 'ok');
              navigate(`/projects/${encodeURIComponent(p.name)}`);
            }}
            onCancel={() => setCreating(false)}
          />
        ) : null}
      </div>
      {error ? (
        <p class="form-error">{error}</p>
      ) : projects?.length === 0 ? (
        <div class="empty">
          <p class="empty-title">No projects yet</p>
          <p>{admin ? 'Create the first one with "New project".' : 'Ask a project owner to add you as a member.'}</p>
        </div>
      ) : (
        <ul class="project-grid" aria-label="Your projects">
          {(projects ?? []).map((p) => (
            <ProjectCard key={p.name} project={p} />
          ))}
        </ul>
      )}
    </section>
  );
}

function ProjectCard({ project: p }: { project: Project }) {
  return (
    <li class="card project-card">
      <div class="project-card-head">
        <h2>
          <a href={`/projects/${encodeURIComponent(p.name)}`} data-link>
            {p.name}
          </a>
        </h2>
        <ProjectTags project={p} />
      </div>
      <p class="muted">{p.description || 'No description'}</p>
      <dl class="mini">
        <div>
          <dt>Events</dt>
          <dd>{p.events.join(', ')}</dd>
        </div>
        <div>
          <dt>IDs</dt>
          <dd class="mono">{p.participantPattern}</dd>
        </div>
        {p.principalInvestigator ? (
          <div>
            <dt>PI</dt>
            <dd>{p.principalInvestigator}</dd>
          </div>
        ) : null}
      </dl>
    </li>
  );
}
