// A real OpenID Connect provider (oidc-provider from npm, OpenID-certified) for the sign-in tests: one
// confidential client (Fiona) with PKCE required, accounts with a username, a name and groups, and the
// provider's own development login and consent pages (any password is accepted there: the tests are about
// Fiona as the relying party, not about the provider's password check). Listens on all addresses of a
// free port, so both http://localhost and http://127.0.0.1 reach it.
import { createServer, type Server } from 'node:http';
import Provider from 'oidc-provider';
import { findFreePort } from './dcmtk.js';

export const CLIENT_ID = 'fiona';
export const CLIENT_SECRET = 'fiona client secret for the tests';

export interface OidcAccount {
  preferred_username?: string;
  name?: string;
  groups?: string[];
}

export interface RunningProvider {
  issuer: string;
  port: number;
  stop(): Promise<void>;
  start(): Promise<void>;
}

export async function startOidcProvider(options: { redirectUri: string; accounts: Record<string, OidcAccount>; host?: string }): Promise<RunningProvider> {
  const port = await findFreePort();
  const issuer = `http://${options.host ?? 'localhost'}:${port}`;
  const provider = new Provider(issuer, {
    clients: [{ client_id: CLIENT_ID, client_secret: CLIENT_SECRET, redirect_uris: [options.redirectUri], response_types: ['code'], grant_types: ['authorization_code'], token_endpoint_auth_method: 'client_secret_basic' }],
    pkce: { required: () => true },
    scopes: ['openid', 'profile', 'groups'],
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'], groups: ['groups'] },
    findAccount: (_ctx: unknown, id: string) => ({ accountId: id, claims: () => ({ sub: id, ...(options.accounts[id] ?? {}) }) }),
    cookies: { keys: ['oidc provider cookie key for the tests'] },
    features: { devInteractions: { enabled: true } },
  });
  let server: Server | undefined;
  const start = () =>
    new Promise<void>((resolve, reject) => {
      server = createServer(provider.callback());
      server.once('error', reject);
      server.listen(port, () => resolve());
    });
  await start();
  return {
    issuer,
    port,
    start,
    stop: () =>
      new Promise<void>((resolve) => {
        server?.closeAllConnections();
        server?.close(() => resolve());
      }),
  };
}
