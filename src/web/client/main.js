// The web app's shell: who is signed in, the top bar, and a small router between the pages. Each page
// module exports `render(main, ctx)` and may return a function that stops its timers and streams.
import { get, del, setCsrfToken, whenSignedOut } from './api.js';
import { clear, h, toast } from './dom.js';
import { renderSignIn } from './sign-in.js';
import { renderAssign } from './assign.js';
import { renderTransfers } from './transfers.js';
import { renderProjects, renderProject } from './projects.js';
import { renderUsers } from './users.js';
import { renderAccount } from './account.js';

const main = document.getElementById('main');
const topbar = document.getElementById('topbar');
let session = null;
let cleanup = null;

const pages = [
  { path: /^\/assign$/, title: 'Assign', render: renderAssign, nav: 'Assign', show: (s) => s.mayBrowseQuarantine },
  { path: /^\/transfers$/, title: 'Transfers', render: renderTransfers, nav: 'Transfers', show: () => true },
  { path: /^\/projects$/, title: 'Projects', render: renderProjects, nav: 'Projects', show: () => true },
  { path: /^\/projects\/([^/]+)$/, title: 'Project', render: renderProject },
  { path: /^\/users$/, title: 'Users', render: renderUsers, nav: 'Users', show: (s) => s.user.isAdmin },
  { path: /^\/account$/, title: 'Account', render: renderAccount },
];

export function navigate(path, { replace = false } = {}) {
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  void route();
}

function homePath() {
  return session?.mayBrowseQuarantine ? '/assign' : '/projects';
}

async function loadSession() {
  try {
    session = await get('/api/session');
    setCsrfToken(session.csrfToken);
  } catch {
    session = null;
  }
}

function renderTopbar(current) {
  if (!session) {
    topbar.hidden = true;
    return;
  }
  topbar.hidden = false;
  const links = pages.filter((p) => p.nav && p.show(session));
  clear(
    topbar,
    h('a', { class: 'brand', href: homePath(), 'data-link': true, 'aria-label': 'Fiona, home' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, 'F'), h('span', { class: 'brand-name' }, 'Fiona')),
    h(
      'nav',
      { 'aria-label': 'Main' },
      h(
        'ul',
        {},
        links.map((p) => {
          const href = `/${p.nav.toLowerCase()}`;
          const active = current === p || (p.nav === 'Projects' && current?.title === 'Project');
          return h('li', {}, h('a', { href, 'data-link': true, 'aria-current': active ? 'page' : false }, p.nav));
        }),
      ),
    ),
    h(
      'div',
      { class: 'who' },
      h('span', { class: 'who-name', title: session.user.username }, session.user.displayName || session.user.username, session.user.isAdmin ? h('span', { class: 'tag' }, 'admin') : null),
      h('a', { class: 'account-link', href: '/account', 'data-link': true, 'aria-current': current?.title === 'Account' ? 'page' : false }, 'Account'),
      h('button', { type: 'button', class: 'ghost', onclick: signOut }, 'Sign out'),
    ),
  );
}

/** The server has ended the session (e.g. after a password change): say why and show sign-in. */
function signedOut(message) {
  session = null;
  setCsrfToken(null);
  toast(message, 'ok');
  navigate('/sign-in', { replace: true });
}

async function signOut() {
  try {
    await del('/api/session');
  } catch {
    // the session may already be gone
  }
  session = null;
  setCsrfToken(null);
  toast('You are signed out.');
  navigate('/sign-in', { replace: true });
}

async function route() {
  if (cleanup) {
    cleanup();
    cleanup = null;
  }
  const path = location.pathname;
  if (path === '/sign-in') {
    if (!session) await loadSession();
    if (session) return navigate(homePath(), { replace: true });
    renderTopbar(null);
    document.title = 'Sign in · Fiona';
    renderSignIn(main, {
      onSignedIn: async () => {
        await loadSession();
        const next = new window.URLSearchParams(location.search).get('next');
        navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : homePath(), { replace: true });
      },
    });
    return;
  }
  if (!session) await loadSession();
  if (!session) return navigate(`/sign-in${path === '/' ? '' : `?next=${encodeURIComponent(path)}`}`, { replace: true });
  if (path === '/') return navigate(homePath(), { replace: true });
  const page = pages.find((p) => p.path.test(path));
  renderTopbar(page);
  if (!page || (page.show && !page.show(session))) {
    document.title = 'Not found · Fiona';
    clear(main, h('section', { class: 'page narrow' }, h('h1', {}, 'Nothing here'), h('p', {}, 'This page does not exist or is not for you. '), h('a', { href: homePath(), 'data-link': true }, 'Go to the start page')));
    return;
  }
  const params = path.match(page.path).slice(1).map(decodeURIComponent);
  document.title = `${page.title} · Fiona`;
  clear(main);
  cleanup = (await page.render(main, { session, params, navigate, signedOut })) ?? null;
  const heading = main.querySelector('h1');
  if (heading) {
    heading.tabIndex = -1;
    if (document.activeElement === document.body || !main.contains(document.activeElement)) heading.focus({ preventScroll: true });
  }
}

document.addEventListener('click', (event) => {
  const link = event.target.closest?.('a[data-link]');
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(link.getAttribute('href'));
});
window.addEventListener('popstate', () => void route());
whenSignedOut(() => {
  if (!session) return;
  session = null;
  toast('Your session has ended. Please sign in again.', 'warn');
  navigate(`/sign-in?next=${encodeURIComponent(location.pathname)}`, { replace: true });
});

void route();
