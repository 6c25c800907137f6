// Sign-in: username and password against POST /api/session. A wrong password and the pause after
// repeated failures are both said plainly, next to the button.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiError} from '../api/client.js';
import { api, setCsrfToken } from '../api/client.js';
import { Field } from '../ui/field.js';

export function SignInPage({ onSignedIn }: { onSignedIn: () => Promise<void> }) {
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const username = useRef<HTMLInputElement>(null);
  const password = useRef<HTMLInputElement>(null);
  useEffect(() => username.current?.focus(), []);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setError('');
    const name = username.current!.value.trim();
    if (!name || !password.current!.value) {
      setError('Enter your username and password.');
      (name ? password : username).current!.focus();
      return;
    }
    setBusy(true);
    try {
      const result = await api.post('/api/session', { body: { username: name, password: password.current!.value } });
      setCsrfToken(result.csrfToken);
      await onSignedIn();
    } catch (err) {
      const e = err as ApiError;
      if (e.status === 401) setError('Wrong username or password. Please try again.');
      else if (e.status === 429) setError(`Too many failed attempts. Please wait ${e.retryAfter ?? 'a few'} seconds before trying again.`);
      else setError(e.message);
      password.current!.value = '';
      password.current!.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="signin">
      <form class="signin-card" aria-labelledby="signin-title" noValidate onSubmit={submit}>
        <div class="signin-brand" aria-hidden="true">
          <span class="brand-mark big">F</span>
        </div>
        <h1 id="signin-title">Sign in to Fiona</h1>
        <p class="muted">The research imaging gateway: assign studies from the quarantine to your projects.</p>
        <Field label="Username">
          <input ref={username} name="username" autocomplete="username" required autocapitalize="none" spellcheck={false} />
        </Field>
        <Field label="Password">
          <input ref={password} name="password" type="password" autocomplete="current-password" required />
        </Field>
        <p class="form-error" role="alert">
          {error}
        </p>
        <button type="submit" class="primary wide" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </div>
  );
}
