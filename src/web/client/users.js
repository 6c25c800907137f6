// User accounts, for site admins: who exists, create one (a generated password is shown once),
// disable or enable, make or unmake admin.
import { get, patch, post } from './api.js';
import { clear, dateTime, field, h, toast } from './dom.js';

export async function renderUsers(main, { session, navigate }) {
  const listSlot = h('div', {}, h('p', { class: 'muted' }, 'Loading…'));
  const username = h('input', { name: 'username', autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false' });
  const displayName = h('input', { name: 'displayName', autocomplete: 'off' });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'new-password' });
  const isAdmin = h('input', { type: 'checkbox', name: 'isAdmin' });
  const error = h('p', { class: 'form-error', role: 'alert' });
  const created = h('div', { 'aria-live': 'polite' });
  const form = h(
    'form',
    {
      class: 'card form-card',
      novalidate: true,
      'aria-labelledby': 'new-user-title',
      onsubmit: async (e) => {
        e.preventDefault();
        error.textContent = '';
        try {
          const body = { username: username.value.trim(), displayName: displayName.value.trim() || null, isAdmin: isAdmin.checked };
          if (password.value) body.password = password.value;
          const result = await post('/api/users', body);
          clear(created, result.password ? h('div', { class: 'notice' }, h('p', {}, `${result.user.username} was created. Their password, shown only this once:`), h('p', { class: 'mono big-secret' }, result.password)) : null);
          toast(`User ${result.user.username} created.`, 'ok');
          form.reset();
          await load();
        } catch (err) {
          error.textContent = err.message;
        }
      },
    },
    h('h2', { id: 'new-user-title' }, 'New user'),
    h('div', { class: 'form-grid' }, field('Username', username), field('Display name', displayName), field('Initial password', password, { hint: 'Leave empty to generate one.' }), h('label', { class: 'check align-end' }, isAdmin, 'Site admin')),
    error,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Create user')),
  );
  clear(main, h('section', { class: 'page' }, h('div', { class: 'page-head' }, h('div', {}, h('h1', {}, 'Users'), h('p', { class: 'muted lead' }, 'Local accounts. Add people to projects from the project\'s page.'))), created, listSlot, form));

  const change = async (u, body, message) => {
    try {
      await patch(`/api/users/${encodeURIComponent(u.username)}`, body);
      toast(message, 'ok');
      await load();
    } catch (err) {
      toast(err.message, 'error');
    }
  };

  async function load() {
    const users = await get('/api/users');
    clear(
      listSlot,
      h(
        'div',
        { class: 'table-wrap card flush' },
        h(
          'table',
          { class: 'data-table stack' },
          h('caption', { class: 'visually-hidden' }, 'Users'),
          h('thead', {}, h('tr', {}, ['Username', 'Name', 'Role', 'Status', 'Last sign-in'].map((c) => h('th', { scope: 'col' }, c)), h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Actions')))),
          h(
            'tbody',
            {},
            users.map((u) =>
              h(
                'tr',
                { class: u.disabled ? 'row-muted' : null },
                h('td', { 'data-label': 'Username' }, u.username),
                h('td', { 'data-label': 'Name' }, u.displayName ?? '—'),
                h('td', { 'data-label': 'Role' }, u.isAdmin ? h('span', { class: 'tag' }, 'admin') : 'user'),
                h('td', { 'data-label': 'Status' }, u.disabled ? 'disabled' : u.lockedUntil && Date.parse(u.lockedUntil) > Date.now() ? 'paused after failed sign-ins' : 'active'),
                h('td', { 'data-label': 'Last sign-in' }, u.lastSignInAt ? dateTime(u.lastSignInAt) : 'never'),
                h(
                  'td',
                  { class: 'actions-cell' },
                  u.username === session.user.username
                    ? h('span', { class: 'muted' }, 'you')
                    : [
                        h('button', { type: 'button', class: 'ghost small', onclick: () => change(u, { disabled: !u.disabled }, `${u.username} ${u.disabled ? 'enabled' : 'disabled'}.`) }, u.disabled ? 'Enable' : 'Disable'),
                        h('button', { type: 'button', class: 'ghost small', onclick: () => change(u, { isAdmin: !u.isAdmin }, `${u.username} ${u.isAdmin ? 'is no longer' : 'is now'} an admin.`) }, u.isAdmin ? 'Remove admin' : 'Make admin'),
                      ],
                ),
              ),
            ),
          ),
        ),
      ),
    );
  }
  try {
    await load();
  } catch (err) {
    if (err.status === 403) navigate('/projects', { replace: true });
    else clear(listSlot, h('p', { class: 'form-error' }, err.message));
  }
}
