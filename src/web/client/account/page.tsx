// Your account: change your password (which ends every session, this one too, so you sign in again) —
// unless the directory or the sign-in provider keeps it —, your API tokens: the list, a new one (its
// secret shown only this once) and revoking one; and your e-mail notifications per project.
import type { PageProps } from '../pages.js';
import { PageHeading } from '../ui/page.js';
import { PasswordCard } from './password-card.js';
import { TokensCard } from './tokens-card.js';
import { NotificationsCard } from './notifications-card.js';

export function AccountPage({ session, signedOut }: PageProps) {
  const u = session.user;
  return (
    <section class="page account">
      <div class="page-head">
        <div>
          <PageHeading>Account</PageHeading>
          <p class="muted lead">
            Signed in as <strong>{u.displayName || u.username}</strong>
            {u.displayName ? ` (${u.username})` : ''}
            {u.isAdmin ? ', site admin.' : '.'}
          </p>
        </div>
      </div>
      <div class="account-grid">
        {u.authSource === 'local' ? (
          <PasswordCard username={u.username} signedOut={signedOut} />
        ) : (
          <div class="card account-card">
            <h2>Password</h2>
            <p class="muted">You sign in with the hospital's {u.authSource === 'ldap' ? 'directory' : 'sign-in service'}: change your password there.</p>
          </div>
        )}
        <TokensCard />
        <NotificationsCard />
      </div>
    </section>
  );
}
