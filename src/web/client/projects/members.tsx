// A project's members, with role changes, removal and adding members for owners and admins.
import { useEffect, useState } from 'preact/hooks';
import type { ApiError } from '../api/client.js';
import { api } from '../api/client.js';
import { may, PROJECT_ROLES } from '../api/roles.js';
import type { Member, Project, ProjectRole, Session } from '../api/types.js';
import { Field } from '../ui/field.js';
import { DataTable, inputValue, Loading, type Column } from '../ui/page.js';
import { toast } from '../ui/toast.js';

export function MembersSection({ session, project, reload }: { session: Session; project: Project; reload: () => void }) {
  const [members, setMembers] = useState<Member[] | null>(null);
  const [error, setError] = useState('');
  const name = project.name;
  const manage = may(session, project, 'members:manage');
  useEffect(() => {
    api.get('/api/projects/{name}/members', { path: { name } }).then(setMembers, (err: ApiError) => setError(err.status === 403 ? 'Only owners see the member list.' : err.message));
  }, [name]);
  if (error) return <p class="muted">{error}</p>;
  if (!members) return <Loading />;

  const remove = async (m: Member) => {
    if (!window.confirm(`Remove ${m.username} from ${name}? Their access ends at once.`)) return;
    try {
      await api.delete('/api/projects/{name}/members/{username}', { path: { name, username: m.username } });
      reload();
    } catch (err) {
      toast((err as ApiError).message, 'error');
    }
  };
  const columns: Column<Member>[] = [
    { label: 'User', value: (m) => m.username },
    { label: 'Role', value: (m) => (manage ? <RoleSelect project={name} member={m} /> : m.role) },
    { label: 'Group', value: (m) => m.dataAccessGroup ?? '—' },
  ];
  if (manage)
    columns.push({
      hidden: 'Actions',
      value: (m) => (
        <button type="button" class="ghost small" aria-label={`Remove ${m.username}`} onClick={() => void remove(m)}>
          Remove
        </button>
      ),
    });
  return (
    <div>
      <DataTable caption="Members" columns={columns} rows={members} rowKey={(m) => m.username} />
      {manage ? <NewMemberForm project={name} onAdded={reload} /> : null}
    </div>
  );
}

function RoleSelect({ project, member }: { project: string; member: Member }) {
  const [role, setRole] = useState<ProjectRole>(member.role);
  const change = async (next: ProjectRole) => {
    setRole(next);
    try {
      await api.patch('/api/projects/{name}/members/{username}', { path: { name: project, username: member.username }, body: { role: next } });
      toast(`${member.username} is now ${next}.`, 'ok');
    } catch (err) {
      toast((err as ApiError).message, 'error');
      setRole(member.role);
    }
  };
  return (
    <select aria-label={`Role of ${member.username}`} value={role} onChange={(e) => void change(e.currentTarget.value as ProjectRole)}>
      {PROJECT_ROLES.map((r) => (
        <option key={r} value={r}>
          {r}
        </option>
      ))}
    </select>
  );
}

function NewMemberForm({ project, onAdded }: { project: string; onAdded: () => void }) {
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<ProjectRole>('data-entry');
  const [error, setError] = useState('');
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    try {
      await api.post('/api/projects/{name}/members', { path: { name: project }, body: { username: username.trim(), role } });
      toast(`${username.trim()} added as ${role}.`, 'ok');
      onAdded();
    } catch (err) {
      setError((err as ApiError).message);
    }
  };
  return (
    <form class="inline-form" noValidate onSubmit={submit}>
      <div class="pair">
        <Field label="Username">
          <input name="username" autocomplete="off" autocapitalize="none" spellcheck={false} value={username} onInput={inputValue(setUsername)} />
        </Field>
        <Field label="Role">
          <select name="role" value={role} onChange={(e) => setRole(e.currentTarget.value as ProjectRole)}>
            {PROJECT_ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <p class="form-error" role="alert">
        {error}
      </p>
      <button type="submit" class="secondary">
        Add member
      </button>
    </form>
  );
}
