// Change password: checked on the page first (the server's rules, which it checks again), then the
// server signs every session out, this one too.
import { useRef, useState } from 'preact/hooks';
import type { ApiError } from '../api/client.js';
import { api } from '../api/client.js';
import { Field } from '../ui/field.js';

const MIN_PASSWORD = 12; // the server's rule (platform/auth/rules.ts); the server checks again

type Which = 'current' | 'next' | 'repeat';

export function PasswordCard({ username, signedOut }: { username: string; signedOut: (message: string) => void }) {
  const refs = { current: useRef<HTMLInputElement>(null), next: useRef<HTMLInputElement>(null), repeat: useRef<HTMLInputElement>(null) };
  const [invalid, setInvalid] = useState<Which | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const problem = (current: string, next: string, repeat: string): [Which, string] | null => {
    if (!current) return ['current', 'Enter your current password.'];
    if (next.length < MIN_PASSWORD) return ['next', `The new password needs at least ${MIN_PASSWORD} characters.`];
    if (next.toLowerCase().includes(username.toLowerCase())) return ['next', 'The new password must not contain your username.'];
    if (next === current) return ['next', 'The new password is the same as the current one.'];
    if (repeat !== next) return ['repeat', 'The two new passwords differ. Type the new one again.'];
    return null;
  };
  const refuse = (which: Which, message: string) => {
    setError(message);
    setInvalid(which);
    refs[which].current?.focus();
  };

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setError('');
    setInvalid(null);
    const [current, next, repeat] = [refs.current, refs.next, refs.repeat].map((r) => r.current!.value);
    const bad = problem(current, next, repeat);
    if (bad) return refuse(...bad);
    setBusy(true);
    try {
      await api.post('/api/session/password', { body: { currentPassword: current, newPassword: next } });
      signedOut('Your password is changed. Sign in with the new one.');
    } catch (err) {
      const x = err as ApiError;
      if (x.status === 401) {
        refs.current.current!.value = '';
        refuse('current', 'The current password is wrong.');
      } else if (x.status === 429) setError(`Too many wrong passwords. Please wait ${x.retryAfter ?? 'a few'} seconds before trying again.`);
      else {
        setError(x.message.replace(/^(new)?password: /i, 'The new password: '));
        refs.next.current?.focus();
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card form-card account-card" noValidate aria-labelledby="password-title" onSubmit={submit}>
      <h2 id="password-title">Change password</h2>
      <p class="muted section-lead">Changing it signs you out everywhere, here too; then sign in with the new one. Your API tokens keep working; revoke any that others may know.</p>
      <div class="stack-fields">
        <Field label="Current password">
          <input ref={refs.current} name="currentPassword" type="password" autocomplete="current-password" aria-invalid={invalid === 'current' ? 'true' : undefined} />
        </Field>
        <Field label="New password" hint={`At least ${MIN_PASSWORD} characters, not containing your username. A few unrelated words make a good one.`}>
          <input ref={refs.next} name="newPassword" type="password" autocomplete="new-password" minLength={MIN_PASSWORD} aria-invalid={invalid === 'next' ? 'true' : undefined} />
        </Field>
        <Field label="Repeat the new password">
          <input ref={refs.repeat} name="repeatPassword" type="password" autocomplete="new-password" aria-invalid={invalid === 'repeat' ? 'true' : undefined} />
        </Field>
      </div>
      <p class="form-error" role="alert">
        {error}
      </p>
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Changing…' : 'Change password'}
        </button>
      </div>
    </form>
  );
}
