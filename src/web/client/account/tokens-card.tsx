// API tokens: the list (active first), a new one whose secret is shown only this once, and revoking one.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiError } from '../api/client.js';
import { api } from '../api/client.js';
import type { ApiToken, CreatedToken } from '../api/types.js';
import { Field } from '../ui/field.js';
import { dateTime, relativeTime } from '../ui/format.js';
import { Loading } from '../ui/page.js';
import { toast } from '../ui/toast.js';

export function TokensCard() {
  const [tokens, setTokens] = useState<ApiToken[] | null>(null);
  const [listError, setListError] = useState('');
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [name, setName] = useState('');
  const [error, setError] = useState('');
  const nameRef = useRef<HTMLInputElement>(null);

  const load = async () => {
    try {
      const list = await api.get('/api/tokens');
      list.sort((a, b) => Number(Boolean(a.revokedAt)) - Number(Boolean(b.revokedAt)) || b.createdAt.localeCompare(a.createdAt));
      setTokens(list);
    } catch (err) {
      setListError((err as ApiError).message);
    }
  };
  useEffect(() => void load(), []);

  const revoke = async (t: ApiToken) => {
    if (!window.confirm(`Revoke the token "${t.name}"? Scripts using it stop working at once. This cannot be undone.`)) return;
    try {
      await api.delete('/api/tokens/{id}', { path: { id: t.id } });
      toast(`Token ${t.name} revoked.`, 'ok');
      setCreated(null);
      await load();
      nameRef.current?.focus();
    } catch (err) {
      toast((err as ApiError).message, 'error');
    }
  };

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setError('');
    const label = name.trim();
    if (!label) {
      setError('Give the token a name, so you know later what uses it.');
      nameRef.current?.focus();
      return;
    }
    try {
      const token = await api.post('/api/tokens', { body: { name: label } });
      setName('');
      setCreated(token);
      await load();
    } catch (err) {
      setError((err as ApiError).message.replace(/^name: /, 'The name: '));
      nameRef.current?.focus();
    }
  };

  return (
    <section class="card form-card account-card" aria-labelledby="tokens-title">
      <h2 id="tokens-title">API tokens</h2>
      <p class="muted section-lead">For scripts and the command line: a token acts as you, with your rights in your projects. Make one per script, so each can be revoked alone.</p>
      <div aria-live="polite">{created ? <CreatedNotice token={created} onHide={() => setCreated(null)} /> : null}</div>
      <div>{listError ? <p class="form-error">{listError}</p> : !tokens ? <Loading /> : tokens.length === 0 ? <p class="empty-inline">You have no API tokens.</p> : <TokensTable tokens={tokens} onRevoke={revoke} />}</div>
      <form class="inline-form token-form" noValidate aria-label="New API token" onSubmit={submit}>
        <div class="token-row">
          <Field label="Token name">
            <input ref={nameRef} name="tokenName" autocomplete="off" maxLength={64} placeholder="e.g. export script on lab PC" value={name} onInput={(e) => setName(e.currentTarget.value)} />
          </Field>
          <button type="submit" class="primary">
            Create token
          </button>
        </div>
        <p class="form-error" role="alert">
          {error}
        </p>
      </form>
    </section>
  );
}

function TokensTable({ tokens, onRevoke }: { tokens: ApiToken[]; onRevoke: (t: ApiToken) => Promise<void> }) {
  return (
    <div class="table-wrap">
      <table class="data-table stack tokens">
        <caption class="visually-hidden">Your API tokens</caption>
        <thead>
          <tr>
            {['Name', 'Created', 'Last used', 'Status'].map((c) => (
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
          {tokens.map((t) => (
            <tr key={t.id} class={t.revokedAt ? 'row-muted' : undefined}>
              <td data-label="Name">
                <div>
                  <strong class="token-name">{t.name}</strong>
                  <span class="token-prefix mono" title="The token starts with this">{`${t.prefix}…`}</span>
                </div>
              </td>
              <td data-label="Created" class="nowrap">
                {dateTime(t.createdAt)}
              </td>
              <td data-label="Last used" class="nowrap">
                {t.lastUsedAt ? <span title={dateTime(t.lastUsedAt)}>{relativeTime(t.lastUsedAt)}</span> : 'never'}
              </td>
              <td data-label="Status">
                {t.revokedAt ? (
                  <div>
                    <span class="status status-queued">revoked</span>
                    <span class="small-text muted block">{dateTime(t.revokedAt)}</span>
                  </div>
                ) : (
                  <span class="status status-done">active</span>
                )}
              </td>
              <td class="actions-cell">
                {t.revokedAt ? null : (
                  <button type="button" class="secondary small danger-text" aria-label={`Revoke token ${t.name}`} onClick={() => void onRevoke(t)}>
                    Revoke
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The new token's secret, selected and ready to copy; shown only this once. */
function CreatedNotice({ token, onHide }: { token: CreatedToken; onHide: () => void }) {
  const secret = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState('');
  useEffect(() => secret.current?.focus(), [token]);
  const copy = async () => {
    secret.current?.focus();
    secret.current?.select();
    try {
      await navigator.clipboard.writeText(token.token);
      setCopied('Copied.');
    } catch {
      setCopied('Press Ctrl+C (⌘C on a Mac) to copy the selected token.');
    }
  };
  return (
    <div class="notice token-notice" role="group" aria-labelledby="token-created-title">
      <p id="token-created-title" tabIndex={-1}>
        <strong>{`Token "${token.name}" created.`}</strong> Copy it now and keep it somewhere safe: Fiona shows it only this once.
      </p>
      <div class="secret-row">
        <input ref={secret} class="mono secret-field" readOnly value={token.token} aria-label={`New token ${token.name}`} spellcheck={false} onFocus={(e) => e.currentTarget.select()} />
        <button type="button" class="secondary" onClick={() => void copy()}>
          Copy
        </button>
      </div>
      <span class="small-text" aria-live="polite">
        {copied}
      </span>
      <p class="hint">
        Send it as <code>{'Authorization: Bearer <token>'}</code>. It has your rights, never more, and stops working when you revoke it.
      </p>
      <button type="button" class="ghost small" onClick={onHide}>
        I have copied it, hide it
      </button>
    </div>
  );
}
