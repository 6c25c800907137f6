// The frame around every page: the top bar (brand, main navigation, who is signed in, Account, Sign out)
// and the "Nothing here" page.
import type { Session } from './api/types.js';
import type { PagePath } from './page-paths.js';
import { PAGES } from './pages.js';
import { PageHeading } from './ui/page.js';

export function TopBar({ session, current, home, onSignOut }: { session: Session; current: PagePath | null; home: string; onSignOut: () => void }) {
  const active = current ? (PAGES[current as keyof typeof PAGES]?.under ?? current) : null;
  const links = (Object.entries(PAGES) as [PagePath, (typeof PAGES)[keyof typeof PAGES]][]).filter(([, p]) => p.nav && (!p.show || p.show(session)));
  const user = session.user;
  return (
    <>
      <a class="brand" href={home} data-link aria-label="Fiona, home">
        <span class="brand-mark" aria-hidden="true">
          F
        </span>
        <span class="brand-name">Fiona</span>
      </a>
      <nav aria-label="Main">
        <ul>
          {links.map(([path, p]) => (
            <li key={path}>
              <a href={path} data-link aria-current={active === path ? 'page' : undefined}>
                {p.nav}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div class="who">
        <span class="who-name" title={user.username}>
          {user.displayName || user.username}
          {user.isAdmin ? <span class="tag">admin</span> : null}
        </span>
        <a class="account-link" href="/account" data-link aria-current={current === '/account' ? 'page' : undefined}>
          Account
        </a>
        <button type="button" class="ghost" onClick={onSignOut}>
          Sign out
        </button>
      </div>
    </>
  );
}

export function NotFound({ home }: { home: string }) {
  return (
    <section class="page narrow">
      <PageHeading>Nothing here</PageHeading>
      <p>This page does not exist or is not for you. </p>
      <a href={home} data-link>
        Go to the start page
      </a>
    </section>
  );
}
