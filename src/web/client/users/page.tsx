// User accounts, for site admins: who exists, create one (a generated password is shown once),
// disable or enable, make or unmake admin.
import { useEffect, useState } from 'preact/hooks';
import type { ApiError } from '../api/client.js';
import { api } from '../api/client.js';
import type { User } from '../api/types.js';
import type { PageProps } from '../pages.js';
import { dateTime } from '../ui/format.js';
import { Loading, PageHeading } from '../ui/page.js';
import { toast } from '../ui/toast.js';
import { NewUserForm } from './new-user-form.js';

export function UsersPage({ session, navigate }: PageProps) {
  const [users, setUsers] = useState<User[] | null>(null);
  const [error, setError] = useState('');
  const [created, setCreated] = useState<{ username: string; password: string } | null>(null);

  const load = async () => setUsers(await api.get('/api/users'));
  useEffect(() => {
    load().catch((err: ApiError) => {
      if (err.status === 403) navigate('/projects', { replace: true });
      else setError(err.message);
    });
  }, []);

  const change = async (u: User, body: { disabled?: boolean; isAdmin?: boolean }, message: string) => {
    try {
      await api.patch('/api/users/{username}', { path: { username: u.username }, body });
      toast(message, 'ok');
      await load();
    } catch (err) {
      toast((err as ApiError).message, 'error');
    }
  };

  return (
    <section class="page">
      <div class="page-head">
        <div>
          <PageHeading>Users</PageHeading>
          <p class="muted lead">Local accounts. Add people to projects from the project's page.</p>
        </div>
      </div>
      <div aria-live="polite">
        {created ? (
          <div class="notice">
            <p>{`${created.username} was created. Their password, shown only this once:`}</p>
            <p class="mono big-secret">{created.password}</p>
          </div>
        ) : null}
      </div>
      <div>{error ? <p class="form-error">{error}</p> : users ? <UsersTable users={users} me={session.user.username} onChange={change} /> : <Loading />}</div>
      <NewUserForm
        onCreated={async (user, password) => {
          setCreated(password ? { username: user.username, password } : null);
          toast(`User ${user.username} created.`, 'ok');
          await load();
        }}
      />
    </section>
  );
}

/** Where an account's password lives, in words. */
const SOURCES: Record<User['authSource'], string> = { local: 'Fiona password', ldap: 'directory (LDAP)', oidc: 'sign-in provider' };

function UsersTable({ users, me, onChange }: { users: User[]; me: string; onChange: (u: User, body: { disabled?: boolean; isAdmin?: boolean }, message: string) => Promise<void> }) {
  return (
    <div class="table-wrap card flush">
      <table class="data-table stack">
        <caption class="visually-hidden">Users</caption>
        <thead>
          <tr>
            {['Username', 'Name', 'Role', 'Signs in with', 'Status', 'Last sign-in'].map((c) => (
              <th scope="col" key={c}>
                {c}
              </th>
            ))}
            <th scope="col">
              <span class="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} class={u.disabled ? 'row-muted' : undefined}>
              <td data-label="Username">{u.username}</td>
              <td data-label="Name">{u.displayName ?? '—'}</td>
              <td data-label="Role">{u.isAdmin ? <span class="tag">admin</span> : 'user'}</td>
              <td data-label="Signs in with">{SOURCES[u.authSource]}</td>
              <td data-label="Status">{u.disabled ? 'disabled' : u.lockedUntil && Date.parse(u.lockedUntil) > Date.now() ? 'paused after failed sign-ins' : 'active'}</td>
              <td data-label="Last sign-in">{u.lastSignInAt ? dateTime(u.lastSignInAt) : 'never'}</td>
              <td class="actions-cell">
                {u.username === me ? (
                  <span class="muted">you</span>
                ) : (
                  <>
                    <button type="button" class="ghost small" onClick={() => void onChange(u, { disabled: !u.disabled }, `${u.username} ${u.disabled ? 'enabled' : 'disabled'}.`)}>
                      {u.disabled ? 'Enable' : 'Disable'}
                    </button>
                    <button type="button" class="ghost small" onClick={() => void onChange(u, { isAdmin: !u.isAdmin }, `${u.username} ${u.isAdmin ? 'is no longer' : 'is now'} an admin.`)}>
                      {u.isAdmin ? 'Remove admin' : 'Make admin'}
                    </button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
