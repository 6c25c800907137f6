// OpenID Connect sign-in: authorization code with PKCE (S256), state and nonce, through openid-client (an
// OpenID-certified relying party: it checks the ID token's signature, issuer, audience, nonce and expiry).
// This file only says what to ask for and what a sign-in yields: who (issuer + subject), the username
// claim, the name, and whether the admin claim makes a site admin.
import * as client from 'openid-client';
import { isHttpsOrLoopback } from '../config.js';

export interface OidcConfig {
  name: string;
  issuer: string;
  clientId: string;
  clientSecret?: string;
  redirectUri: string;
  scopes: string[];
  usernameClaim: string;
  adminClaim?: string;
  adminValues: string[];
}

/** What the browser is sent to, and what must be kept until the provider sends it back. */
export interface OidcBegin {
  url: string;
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** Who the provider says signed in. */
export interface OidcIdentity {
  /** `<issuer> <subject>`: stable, unlike usernames or e-mail addresses. */
  externalId: string;
  username: string | null;
  displayName: string | null;
  /** null: no admin claim configured, the provider does not decide the site role. */
  isAdmin: boolean | null;
}

/** The provider cannot be reached or answered with something unusable (discovery, token endpoint). */
export class ProviderUnavailableError extends Error {}

/** The provider's answer does not prove a sign-in: error from the provider, wrong state, bad ID token. */
export class ProviderRejectedError extends Error {}

function claimValues(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string') return value.split(/[\s,]+/).filter(Boolean);
  if (typeof value === 'boolean') return [String(value)];
  return [];
}

export class OidcClient {
  private discovered: Promise<client.Configuration> | undefined;

  constructor(private readonly config: OidcConfig) {}

  get name(): string {
    return this.config.name;
  }

  /** Discovery once, on first use; a failure is not cached, so the next sign-in asks again. */
  private configuration(): Promise<client.Configuration> {
    const { issuer, clientId, clientSecret } = this.config;
    this.discovered ??= client
      .discovery(new URL(issuer), clientId, clientSecret, clientSecret ? client.ClientSecretBasic(clientSecret) : client.None(), {
        timeout: 10,
        // The config accepts plain HTTP only for a provider on this machine (a test provider).
        execute: new URL(issuer).protocol === 'http:' && isHttpsOrLoopback(issuer) ? [client.allowInsecureRequests] : [],
      })
      .catch((err: unknown) => {
        this.discovered = undefined;
        throw new ProviderUnavailableError(`the sign-in provider ${issuer} cannot be reached: ${(err as Error).message}`);
      });
    return this.discovered;
  }

  /** For `fiona doctor`: the provider's discovery document; what it says, or ProviderUnavailableError. */
  async check(): Promise<string> {
    const metadata = (await this.configuration()).serverMetadata();
    return `${metadata.issuer}: authorization ${metadata.authorization_endpoint}, PKCE S256 ${metadata.code_challenge_methods_supported?.includes('S256') ? 'supported' : 'not announced'}`;
  }

  async begin(): Promise<OidcBegin> {
    const config = await this.configuration();
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.config.redirectUri,
      scope: this.config.scopes.join(' '),
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url: url.href, state, nonce, codeVerifier };
  }

  /** The callback's query (code, state, or error) against what begin() kept. */
  async finish(query: URLSearchParams, kept: { state: string; nonce: string; codeVerifier: string }): Promise<OidcIdentity> {
    const config = await this.configuration();
    const current = new URL(this.config.redirectUri);
    current.search = query.toString();
    let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
    try {
      tokens = await client.authorizationCodeGrant(config, current, { pkceCodeVerifier: kept.codeVerifier, expectedState: kept.state, expectedNonce: kept.nonce, idTokenExpected: true });
    } catch (err) {
      // Network failures reach us as TypeError (fetch); everything else is an answer that proves nothing.
      if (err instanceof TypeError || (err as { name?: string }).name === 'TimeoutError' || (err as { name?: string }).name === 'AbortError') {
        throw new ProviderUnavailableError(`the sign-in provider cannot be reached: ${(err as Error).message}`);
      }
      const e = err as { error?: string; error_description?: string; message: string };
      throw new ProviderRejectedError(e.error ? `${e.error}${e.error_description ? `: ${e.error_description}` : ''}` : e.message);
    }
    const id = tokens.claims();
    if (!id) throw new ProviderRejectedError('no ID token');
    let claims: Record<string, unknown> = { ...id };
    const { usernameClaim, adminClaim } = this.config;
    // Providers often put groups and names only in the userinfo answer.
    if ((claims[usernameClaim] === undefined || (adminClaim && claims[adminClaim] === undefined)) && config.serverMetadata().userinfo_endpoint) {
      try {
        claims = { ...(await client.fetchUserInfo(config, tokens.access_token, id.sub)), ...claims };
      } catch (err) {
        throw new ProviderUnavailableError(`the sign-in provider's userinfo failed: ${(err as Error).message}`);
      }
    }
    const username = typeof claims[usernameClaim] === 'string' ? (claims[usernameClaim] as string) : null;
    const displayName = typeof claims.name === 'string' ? claims.name : null;
    const isAdmin = adminClaim ? claimValues(claims[adminClaim]).some((v) => this.config.adminValues.includes(v)) : null;
    return { externalId: `${id.iss} ${id.sub}`, username, displayName, isAdmin };
  }
}
