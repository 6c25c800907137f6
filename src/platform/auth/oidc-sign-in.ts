// The two halves of an OpenID Connect sign-in. begin(): keep state, nonce and PKCE verifier (oidc-sign-ins.ts),
// bound to a random value the browser keeps in a cookie, and send the browser to the provider. finish(): the
// provider sends it back with a code; only the browser that began may finish (no sign-in CSRF: nobody can
// make a victim's browser sign in as the attacker), once, within ten minutes; then the account (made on first
// sign-in) gets a session like any other (AuthService.signInWithProvider).
import { randomBytes } from 'node:crypto';
import type { Audit } from '../audit/audit.js';
import { ServiceUnavailableError, UnauthenticatedError } from '../errors.js';
import type { OidcSignInsRepository } from './oidc-sign-ins.js';
import { ProviderRejectedError, ProviderUnavailableError, type OidcBegin, type OidcIdentity } from './oidc.js';
import type { AuthService, NewSession } from './service.js';
import { hashSecret } from './tokens.js';

export const OIDC_SIGN_IN_MS = 10 * 60_000;

export interface OidcSignInPorts {
  provider: { name: string; begin(): Promise<OidcBegin>; finish(query: URLSearchParams, kept: { state: string; nonce: string; codeVerifier: string }): Promise<OidcIdentity> };
  requests: OidcSignInsRepository;
  auth: Pick<AuthService, 'signInWithProvider'>;
  audit: Audit;
  now?: () => Date;
}

/** Only a path on this site: never an absolute URL or //host (no open redirect). */
export function safeReturnTo(value: string | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\') || value.length > 500 || [...value].some((c) => c.charCodeAt(0) < 0x20)) return '/';
  return value;
}

export class OidcSignIn {
  private readonly now: () => Date;

  constructor(private readonly ports: OidcSignInPorts) {
    this.now = ports.now ?? (() => new Date());
  }

  get name(): string {
    return this.ports.provider.name;
  }

  /** Where to send the browser, and the value for its sign-in cookie. */
  async begin(returnTo: string | undefined): Promise<{ url: string; browserSecret: string }> {
    let started: OidcBegin;
    try {
      started = await this.ports.provider.begin();
    } catch (err) {
      if (err instanceof ProviderUnavailableError) throw new ServiceUnavailableError(err.message);
      throw err;
    }
    const browserSecret = randomBytes(32).toString('base64url');
    const now = this.now();
    await this.ports.requests.deleteExpired(now.toISOString());
    await this.ports.requests.insert(started.state, {
      browserHash: hashSecret(browserSecret),
      codeVerifier: started.codeVerifier,
      nonce: started.nonce,
      returnTo: safeReturnTo(returnTo),
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + OIDC_SIGN_IN_MS).toISOString(),
    });
    return { url: started.url, browserSecret };
  }

  /** The provider's callback: a session and where to go, or an AppError saying why not (audited). */
  async finish(query: URLSearchParams, browserSecret: string | undefined, sourceAddress: string | null): Promise<{ session: NewSession; returnTo: string }> {
    const fail = async (reason: string) => {
      await this.ports.audit.record({ action: 'session.create', outcome: 'failed', actor: { userId: null, username: null, via: 'session' }, sourceAddress, details: { method: 'oidc', reason: reason.slice(0, 300) } });
    };
    const state = query.get('state');
    const kept = state ? await this.ports.requests.take(state) : undefined;
    if (!kept || Date.parse(kept.expiresAt) <= this.now().getTime() || !browserSecret || hashSecret(browserSecret) !== kept.browserHash) {
      await fail(!kept ? 'unknown or used state' : !browserSecret || hashSecret(browserSecret) !== kept.browserHash ? 'begun in another browser' : 'expired');
      throw new UnauthenticatedError('this sign-in has expired or was begun in another browser: start again');
    }
    let identity: OidcIdentity;
    try {
      identity = await this.ports.provider.finish(query, { state: state!, nonce: kept.nonce, codeVerifier: kept.codeVerifier });
    } catch (err) {
      if (err instanceof ProviderUnavailableError) {
        await fail(`provider unavailable: ${err.message}`);
        throw new ServiceUnavailableError(err.message);
      }
      if (err instanceof ProviderRejectedError) {
        await fail(`provider: ${err.message}`);
        throw new UnauthenticatedError(`the sign-in provider did not confirm the sign-in (${err.message})`);
      }
      throw err;
    }
    // signInWithProvider audits its own refusals (disabled, username taken or unusable).
    return { session: await this.ports.auth.signInWithProvider(identity, sourceAddress), returnTo: kept.returnTo };
  }
}
