// The web app's entry: who is signed in, the top bar, and the router that shows the page of the current
// path (pages.ts). Each navigation mounts the page afresh; leaving unmounts it, which stops its timers
// and streams (their effects' clean-ups).
import { h, render, type ComponentChild } from 'preact';
import { api, setCsrfToken, whenSignedOut } from './api/client.js';
import type { Session } from './api/types.js';
import type { PagePath } from './page-paths.js';
import { PAGES, pathPattern, type Navigate } from './pages.js';
import { NotFound, TopBar } from './shell.js';
import { SignInPage } from './sign-in/page.js';
import { toast } from './ui/toast.js';

const main = document.getElementById('main')!;
const topbar = document.getElementById('topbar')!;
let session: Session | null = null;
/** Counts navigations: a route that finished waiting after a newer one began gives way to it. */
let navigation = 0;

const ROUTES = (Object.keys(PAGES) as (keyof typeof PAGES)[]).map((path) => ({ path, pattern: pathPattern(path), page: PAGES[path] }));

export const navigate: Navigate = (path, { replace = false } = {}) => {
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  void route().then(() => setTimeout(preloadPages, 0));
};

function homePath(): string {
  return session?.mayBrowseQuarantine ? '/assign' : '/projects';
}

async function loadSession(): Promise<void> {
  try {
    session = await api.get('/api/session');
    setCsrfToken(session.csrfToken);
  } catch {
    session = null;
  }
}

function renderTopbar(current: PagePath | null): void {
  topbar.hidden = !session;
  render(session ? h(TopBar, { session, current, home: homePath(), onSignOut: () => void signOut() }) : null, topbar);
}

function show(title: string, vnode: ComponentChild): void {
  document.title = `${title} · Fiona`;
  render(null, main);
  main.replaceChildren();
  render(vnode, main);
}

function signedOut(message: string): void {
  session = null;
  setCsrfToken(null);
  toast(message, 'ok');
  navigate('/sign-in', { replace: true });
}

async function signOut(): Promise<void> {
  try {
    await api.delete('/api/session');
  } catch {
    // the session may already be gone
  }
  session = null;
  setCsrfToken(null);
  toast('You are signed out.');
  navigate('/sign-in', { replace: true });
}

async function route(): Promise<void> {
  const seq = ++navigation;
  const path = location.pathname;
  const found = ROUTES.find((r) => r.pattern.test(path));
  // The page's code loads while the session is asked for.
  const loading = found?.page.load();
  loading?.catch(() => undefined);
  if (!session) await loadSession();
  if (seq !== navigation) return;
  if (path === '/sign-in') {
    if (session) return navigate(homePath(), { replace: true });
    renderTopbar(null);
    const onSignedIn = async () => {
      await loadSession();
      const next = new URLSearchParams(location.search).get('next');
      navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : homePath(), { replace: true });
    };
    show('Sign in', h(SignInPage, { onSignedIn, key: seq }));
    return;
  }
  if (!session) return navigate(`/sign-in${path === '/' ? '' : `?next=${encodeURIComponent(path)}`}`, { replace: true });
  if (path === '/') return navigate(homePath(), { replace: true });
  renderTopbar(found?.path ?? null);
  if (!found || !loading || (found.page.show && !found.page.show(session))) return show('Not found', h(NotFound, { home: homePath() }));
  let Page;
  try {
    Page = await loading;
  } catch {
    // e.g. a new version was installed since this tab opened: its page chunks have new names
    toast('This page could not be loaded. Reload the browser tab.', 'error');
    return;
  }
  if (seq !== navigation) return;
  const params = (path.match(found.pattern) ?? []).slice(1).map(decodeURIComponent);
  // A new key each time: navigating to the same path (e.g. to reload a project) mounts the page afresh.
  show(found.page.title, h(Page, { session, params, navigate, signedOut, key: seq }));
}

/** Once the first page shows, the other pages' code is fetched in the background, so moving between pages waits for no download. */
function preloadPages(): void {
  for (const r of ROUTES) r.page.load().catch(() => undefined);
}

document.addEventListener('click', (event) => {
  const link = (event.target as Element | null)?.closest?.('a[data-link]');
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(link.getAttribute('href')!);
});
window.addEventListener('popstate', () => void route());
whenSignedOut(() => {
  if (!session) return;
  session = null;
  toast('Your session has ended. Please sign in again.', 'warn');
  navigate(`/sign-in?next=${encodeURIComponent(location.pathname)}`, { replace: true });
});

void route().then(() => setTimeout(preloadPages, 0));
