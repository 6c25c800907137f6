// The admin's "New user" form: username, display name, an initial password (or a generated one), admin.
import { useState } from 'preact/hooks';
import type { ApiError } from '../api/client.js';
import { api } from '../api/client.js';
import type { User } from '../api/types.js';
import { Field } from '../ui/field.js';
import { inputValue } from '../ui/page.js';

const EMPTY = { username: '', displayName: '', password: '', isAdmin: false };

export function NewUserForm({ onCreated }: { onCreated: (user: User, password: string | undefined) => Promise<void> }) {
  const [f, setF] = useState(EMPTY);
  const [error, setError] = useState('');
  const set = (key: 'username' | 'displayName' | 'password') => inputValue((value) => setF((prev) => ({ ...prev, [key]: value })));

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setError('');
    try {
      const result = await api.post('/api/users', { body: { username: f.username.trim(), displayName: f.displayName.trim() || null, isAdmin: f.isAdmin, ...(f.password ? { password: f.password } : {}) } });
      setF(EMPTY);
      await onCreated(result.user, result.password);
    } catch (err) {
      setError((err as ApiError).message);
    }
  };

  return (
    <form class="card form-card" noValidate aria-labelledby="new-user-title" onSubmit={submit}>
      <h2 id="new-user-title">New user</h2>
      <div class="form-grid">
        <Field label="Username">
          <input name="username" autocomplete="off" autocapitalize="none" spellcheck={false} value={f.username} onInput={set('username')} />
        </Field>
        <Field label="Display name">
          <input name="displayName" autocomplete="off" value={f.displayName} onInput={set('displayName')} />
        </Field>
        <Field label="Initial password" hint="Leave empty to generate one.">
          <input name="password" type="password" autocomplete="new-password" value={f.password} onInput={set('password')} />
        </Field>
        <label class="check align-end">
          <input type="checkbox" name="isAdmin" checked={f.isAdmin} onChange={(e) => setF((prev) => ({ ...prev, isAdmin: e.currentTarget.checked }))} />
          Site admin
        </label>
      </div>
      <p class="form-error" role="alert">
        {error}
      </p>
      <div class="actions">
        <button type="submit" class="primary">
          Create user
        </button>
      </div>
    </form>
  );
}
