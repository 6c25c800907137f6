// Sign-in: username and password against POST /api/session (local accounts, and the LDAP directory when one
// is configured), and "Sign in with <name>" when an OpenID Connect provider is (GET /api/auth/providers). A
// wrong password, the pause after repeated failures, a directory that is down and a provider sign-in that
// came back refused are all said plainly.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiError} from '../api/client.js';
import { api, setCsrfToken } from '../api/client.js';
import { Field } from '../ui/field.js';

/** What a provider sign-in that came back to this page (?signInError=…) means, in words. */
const PROVIDER_ERRORS: Record<string, string> = {
  unavailable: 'The sign-in service cannot be reached just now. Try again later, or sign in with a local account.',
  rejected: 'The sign-in service did not confirm your sign-in. Please try again.',
  expired: 'That sign-in took too long or was started in another window. Please try again.',
  conflict: 'A Fiona account with your username already exists and is not linked to this sign-in. Ask an administrator.',
  disabled: 'Your Fiona account is disabled. Ask an administrator.',
  username: 'The sign-in service gave no username Fiona can use. Ask an administrator.',
};

export function SignInPage({ onSignedIn }: { onSignedIn: () => Promise<void> }) {
  const [error, setError] = useState(() => {
    const code = new URLSearchParams(location.search).get('signInError');
    return code ? (PROVIDER_ERRORS[code] ?? PROVIDER_ERRORS.rejected) : '';
  });
  const [provider, setProvider] = useState<{ name: string; loginUrl: string } | null>(null);
  useEffect(() => {
    api.get('/api/auth/providers').then((p) => setProvider(p.oidc), () => setProvider(null));
  }, []);
  const next = new URLSearchParams(location.search).get('next');
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
      else if (e.status === 503) setError(`${e.message.charAt(0).toUpperCase()}${e.message.slice(1)}`);
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
        {provider && (
          <a class="button wide signin-provider" href={`${provider.loginUrl}${next && next.startsWith('/') && !next.startsWith('//') ? `?returnTo=${encodeURIComponent(next)}` : ''}`}>
            Sign in with {provider.name}
          </a>
        )}
      </form>
    </div>
  );
}
