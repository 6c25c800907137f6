// Sign-in: username and password against POST /api/session. A wrong password and the pause after
// repeated failures are both said plainly, next to the button.
import { post, setCsrfToken } from './api.js';
import { clear, field, h } from './dom.js';

export function renderSignIn(main, { onSignedIn }) {
  const username = h('input', { name: 'username', autocomplete: 'username', required: true, autocapitalize: 'none', spellcheck: 'false' });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const error = h('p', { class: 'form-error', role: 'alert' });
  const button = h('button', { type: 'submit', class: 'primary wide' }, 'Sign in');
  const form = h(
    'form',
    {
      class: 'signin-card',
      'aria-labelledby': 'signin-title',
      novalidate: true,
      onsubmit: async (event) => {
        event.preventDefault();
        error.textContent = '';
        if (!username.value.trim() || !password.value) {
          error.textContent = 'Enter your username and password.';
          (username.value.trim() ? password : username).focus();
          return;
        }
        button.disabled = true;
        button.textContent = 'Signing in…';
        try {
          const result = await post('/api/session', { username: username.value.trim(), password: password.value });
          setCsrfToken(result.csrfToken);
          await onSignedIn();
        } catch (err) {
          if (err.status === 401) error.textContent = 'Wrong username or password. Please try again.';
          else if (err.status === 429) error.textContent = `Too many failed attempts. Please wait ${err.retryAfter ?? 'a few'} seconds before trying again.`;
          else error.textContent = err.message;
          password.value = '';
          password.focus();
        } finally {
          button.disabled = false;
          button.textContent = 'Sign in';
        }
      },
    },
    h('div', { class: 'signin-brand', 'aria-hidden': 'true' }, h('span', { class: 'brand-mark big' }, 'F')),
    h('h1', { id: 'signin-title' }, 'Sign in to Fiona'),
    h('p', { class: 'muted' }, 'The research imaging gateway: assign studies from the quarantine to your projects.'),
    field('Username', username),
    field('Password', password),
    error,
    button,
  );
  clear(main, h('div', { class: 'signin' }, form));
  username.focus();
}
