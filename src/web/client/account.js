// Your account: change your password (which ends every session, this one too, so you sign in again)
// and your API tokens: the list, a new one (its secret shown only this once) and revoking one.
import { del, get, post } from './api.js';
import { clear, dateTime, field, h, relativeTime, toast } from './dom.js';

const MIN_PASSWORD = 12; // the server's rule (platform/auth/rules.ts); the server checks again

function passwordCard(session, { signedOut }) {
  const current = h('input', { name: 'currentPassword', type: 'password', autocomplete: 'current-password' });
  const next = h('input', { name: 'newPassword', type: 'password', autocomplete: 'new-password', minlength: MIN_PASSWORD });
  const repeat = h('input', { name: 'repeatPassword', type: 'password', autocomplete: 'new-password' });
  const error = h('p', { class: 'form-error', role: 'alert' });
  const button = h('button', { type: 'submit', class: 'primary' }, 'Change password');
  const username = session.user.username;

  const problem = () => {
    if (!current.value) return [current, 'Enter your current password.'];
    if (next.value.length < MIN_PASSWORD) return [next, `The new password needs at least ${MIN_PASSWORD} characters.`];
    if (next.value.toLowerCase().includes(username.toLowerCase())) return [next, 'The new password must not contain your username.'];
    if (next.value === current.value) return [next, 'The new password is the same as the current one.'];
    if (repeat.value !== next.value) return [repeat, 'The two new passwords differ. Type the new one again.'];
    return null;
  };

  const form = h(
    'form',
    {
      class: 'card form-card account-card',
      novalidate: true,
      'aria-labelledby': 'password-title',
      onsubmit: async (e) => {
        e.preventDefault();
        error.textContent = '';
        for (const el of [current, next, repeat]) el.removeAttribute('aria-invalid');
        const bad = problem();
        if (bad) {
          error.textContent = bad[1];
          bad[0].setAttribute('aria-invalid', 'true');
          bad[0].focus();
          return;
        }
        button.disabled = true;
        button.textContent = 'Changing…';
        try {
          await post('/api/session/password', { currentPassword: current.value, newPassword: next.value });
          signedOut('Your password is changed. Sign in with the new one.');
        } catch (err) {
          if (err.status === 401) {
            error.textContent = 'The current password is wrong.';
            current.value = '';
            current.setAttribute('aria-invalid', 'true');
            current.focus();
          } else if (err.status === 429) error.textContent = `Too many wrong passwords. Please wait ${err.retryAfter ?? 'a few'} seconds before trying again.`;
          else {
            error.textContent = err.message.replace(/^(new)?password: /i, 'The new password: ');
            next.focus();
          }
        } finally {
          button.disabled = false;
          button.textContent = 'Change password';
        }
      },
    },
    h('h2', { id: 'password-title' }, 'Change password'),
    h('p', { class: 'muted section-lead' }, 'Changing it signs you out everywhere, here too; then sign in with the new one. Your API tokens keep working; revoke any that others may know.'),
    h(
      'div',
      { class: 'stack-fields' },
      field('Current password', current),
      field('New password', next, { hint: `At least ${MIN_PASSWORD} characters, not containing your username. A few unrelated words make a good one.` }),
      field('Repeat the new password', repeat),
    ),
    error,
    h('div', { class: 'actions' }, button),
  );
  return form;
}

function tokensCard() {
  const listSlot = h('div', {}, h('p', { class: 'muted' }, 'Loading…'));
  const createdSlot = h('div', { 'aria-live': 'polite' });
  const name = h('input', { name: 'tokenName', autocomplete: 'off', maxlength: 64, placeholder: 'e.g. export script on lab PC' });
  const error = h('p', { class: 'form-error', role: 'alert' });

  async function load() {
    let tokens;
    try {
      tokens = await get('/api/tokens');
    } catch (err) {
      clear(listSlot, h('p', { class: 'form-error' }, err.message));
      return;
    }
    if (tokens.length === 0) return clear(listSlot, h('p', { class: 'empty-inline' }, 'You have no API tokens.'));
    tokens.sort((a, b) => Number(Boolean(a.revokedAt)) - Number(Boolean(b.revokedAt)) || b.createdAt.localeCompare(a.createdAt));
    clear(
      listSlot,
      h(
        'div',
        { class: 'table-wrap' },
        h(
          'table',
          { class: 'data-table stack tokens' },
          h('caption', { class: 'visually-hidden' }, 'Your API tokens'),
          h('thead', {}, h('tr', {}, ['Name', 'Created', 'Last used', 'Status'].map((c) => h('th', { scope: 'col' }, c)), h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Actions')))),
          h(
            'tbody',
            {},
            tokens.map((t) =>
              h(
                'tr',
                { class: t.revokedAt ? 'row-muted' : null },
                h('td', { 'data-label': 'Name' }, h('div', {}, h('strong', { class: 'token-name' }, t.name), h('span', { class: 'token-prefix mono', title: 'The token starts with this' }, `${t.prefix}…`))),
                h('td', { 'data-label': 'Created', class: 'nowrap' }, dateTime(t.createdAt)),
                h('td', { 'data-label': 'Last used', class: 'nowrap' }, t.lastUsedAt ? h('span', { title: dateTime(t.lastUsedAt) }, relativeTime(t.lastUsedAt)) : 'never'),
                h('td', { 'data-label': 'Status' }, t.revokedAt ? h('div', {}, h('span', { class: 'status status-queued' }, 'revoked'), h('span', { class: 'small-text muted block' }, dateTime(t.revokedAt))) : h('span', { class: 'status status-done' }, 'active')),
                h(
                  'td',
                  { class: 'actions-cell' },
                  t.revokedAt
                    ? null
                    : h(
                        'button',
                        {
                          type: 'button',
                          class: 'secondary small danger-text',
                          'aria-label': `Revoke token ${t.name}`,
                          onclick: async () => {
                            if (!window.confirm(`Revoke the token "${t.name}"? Scripts using it stop working at once. This cannot be undone.`)) return;
                            try {
                              await del(`/api/tokens/${encodeURIComponent(t.id)}`);
                              toast(`Token ${t.name} revoked.`, 'ok');
                              clear(createdSlot);
                              await load();
                              form.querySelector('input')?.focus();
                            } catch (err) {
                              toast(err.message, 'error');
                            }
                          },
                        },
                        'Revoke',
                      ),
                ),
              ),
            ),
          ),
        ),
      ),
    );
  }

  function showCreated(created) {
    const secret = h('input', { class: 'mono secret-field', readonly: true, value: created.token, 'aria-label': `New token ${created.name}`, spellcheck: 'false', onfocus: (e) => e.target.select() });
    const copied = h('span', { class: 'small-text', 'aria-live': 'polite' });
    const copy = async () => {
      secret.focus();
      secret.select();
      try {
        await navigator.clipboard.writeText(created.token);
        copied.textContent = 'Copied.';
      } catch {
        copied.textContent = 'Press Ctrl+C (⌘C on a Mac) to copy the selected token.';
      }
    };
    clear(
      createdSlot,
      h(
        'div',
        { class: 'notice token-notice', role: 'group', 'aria-labelledby': 'token-created-title' },
        h('p', { id: 'token-created-title', tabindex: '-1' }, h('strong', {}, `Token "${created.name}" created.`), ' Copy it now and keep it somewhere safe: Fiona shows it only this once.'),
        h('div', { class: 'secret-row' }, secret, h('button', { type: 'button', class: 'secondary', onclick: copy }, 'Copy')),
        copied,
        h('p', { class: 'hint' }, 'Send it as ', h('code', {}, 'Authorization: Bearer <token>'), '. It has your rights, never more, and stops working when you revoke it.'),
        h('button', { type: 'button', class: 'ghost small', onclick: () => clear(createdSlot) }, 'I have copied it, hide it'),
      ),
    );
    secret.focus();
  }

  const form = h(
    'form',
    {
      class: 'inline-form token-form',
      novalidate: true,
      'aria-label': 'New API token',
      onsubmit: async (e) => {
        e.preventDefault();
        error.textContent = '';
        const label = name.value.trim();
        if (!label) {
          error.textContent = 'Give the token a name, so you know later what uses it.';
          name.focus();
          return;
        }
        try {
          const created = await post('/api/tokens', { name: label });
          form.reset();
          showCreated(created);
          await load();
        } catch (err) {
          error.textContent = err.message.replace(/^name: /, 'The name: ');
          name.focus();
        }
      },
    },
    h('div', { class: 'token-row' }, field('Token name', name), h('button', { type: 'submit', class: 'primary' }, 'Create token')),
    error,
  );

  void load();
  return h(
    'section',
    { class: 'card form-card account-card', 'aria-labelledby': 'tokens-title' },
    h('h2', { id: 'tokens-title' }, 'API tokens'),
    h('p', { class: 'muted section-lead' }, 'For scripts and the command line: a token acts as you, with your rights in your projects. Make one per script, so each can be revoked alone.'),
    createdSlot,
    listSlot,
    form,
  );
}

export function renderAccount(main, { session, signedOut }) {
  const u = session.user;
  clear(
    main,
    h(
      'section',
      { class: 'page account' },
      h('div', { class: 'page-head' }, h('div', {}, h('h1', {}, 'Account'), h('p', { class: 'muted lead' }, 'Signed in as ', h('strong', {}, u.displayName || u.username), u.displayName ? ` (${u.username})` : '', u.isAdmin ? ', site admin.' : '.'))),
      h('div', { class: 'account-grid' }, passwordCard(session, { signedOut }), tokensCard()),
    ),
  );
}
