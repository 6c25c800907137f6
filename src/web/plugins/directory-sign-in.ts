// Sign-in with the hospital's directory. LDAP needs no route of its own (POST /api/session asks the directory);
// OpenID Connect is two browser navigations: GET /api/auth/oidc/login sends the browser to the provider with
// a short-lived sign-in cookie (SameSite=Lax: it must come back on the provider's redirect), GET
// /api/auth/oidc/callback takes the provider's answer and sets the same session cookie as POST /api/session.
// Failures go back to the sign-in page with a reason code the page puts into words.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { OidcSignIn } from '../../platform/auth/oidc-sign-in.js';
import { OIDC_SIGN_IN_MS } from '../../platform/auth/oidc-sign-in.js';
import { AppError, NotFoundError } from '../../platform/errors.js';
import { readCookie, sourceAddress } from '../permissions.js';
import { defineRoute } from '../routes.js';
import { setSessionCookie } from './session.js';

export const OIDC_COOKIE = 'fiona_oidc';

export interface DirectorySignInDeps {
  /** Whether POST /api/session also asks an LDAP directory (config auth.ldap). */
  ldap: boolean;
  oidc?: OidcSignIn;
}

/** Why a sign-in went back to the sign-in page (?signInError=…): a code, never text from outside. */
export type SignInErrorCode = 'unavailable' | 'rejected' | 'expired' | 'conflict' | 'disabled' | 'username';

function errorCode(err: AppError): SignInErrorCode {
  if (err.status === 503) return 'unavailable';
  if (err.status === 409) return 'conflict';
  if (err.status === 403) return 'disabled';
  if (err.status === 422) return 'username';
  if (err.message.startsWith('this sign-in has expired')) return 'expired';
  return 'rejected';
}

function oidcCookie(request: FastifyRequest, reply: FastifyReply, value: string, maxAgeSeconds: number): void {
  const secure = request.protocol === 'https' ? '; Secure' : '';
  void reply.header('set-cookie', `${OIDC_COOKIE}=${value}; Path=/api/auth/oidc; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure}`);
}

export function directorySignInRoutes(deps: DirectorySignInDeps): FastifyPluginAsync {
  return async (app) => {
    defineRoute(app, {
      method: 'GET',
      url: '/api/auth/providers',
      summary: 'How one may sign in',
      description: 'Whether usernames and passwords are also checked by an LDAP directory, and the OpenID Connect provider the sign-in page offers ("Sign in with <name>"), if any.',
      tags: ['session'],
      permission: 'public',
      response: z.object({ ldap: z.boolean(), oidc: z.object({ name: z.string(), loginUrl: z.string() }).nullable() }),
      handler: async () => ({ ldap: deps.ldap, oidc: deps.oidc ? { name: deps.oidc.name, loginUrl: '/api/auth/oidc/login' } : null }),
    });

    defineRoute(app, {
      method: 'GET',
      url: '/api/auth/oidc/login',
      summary: 'Begin signing in with the OpenID Connect provider',
      description:
        'A browser navigation: redirects (302) to the provider with an authorization code request (PKCE S256, state, nonce) and sets a short-lived sign-in cookie. `returnTo` is a path on this site to open afterwards. When the provider cannot be reached, redirects to /sign-in?signInError=unavailable. 404 when no provider is configured.',
      tags: ['session'],
      permission: 'public',
      query: z.object({ returnTo: z.string().max(500).optional() }),
      status: 302,
      handler: async ({ request, reply, query }) => {
        if (!deps.oidc) throw new NotFoundError('no OpenID Connect provider is configured (auth.oidc)');
        try {
          const { url, browserSecret } = await deps.oidc.begin(query.returnTo);
          oidcCookie(request, reply, browserSecret, OIDC_SIGN_IN_MS / 1000);
          return reply.redirect(url, 302);
        } catch (err) {
          if (err instanceof AppError) return reply.redirect(`/sign-in?signInError=${errorCode(err)}`, 302);
          throw err;
        }
      },
    });

    defineRoute(app, {
      method: 'GET',
      url: '/api/auth/oidc/callback',
      summary: 'The OpenID Connect provider sends the browser back here',
      description:
        'Exchanges the code (with the PKCE verifier) for an ID token, checks it, signs in (a first sign-in makes an account with no project rights), sets the session cookie and redirects (302) to the page the sign-in began from. On failure redirects to /sign-in?signInError=<unavailable|rejected|expired|conflict|disabled|username>. Every outcome is audited as session.create.',
      tags: ['session'],
      permission: 'public',
      query: z.record(z.union([z.string(), z.array(z.string())])),
      status: 302,
      handler: async ({ request, reply }) => {
        if (!deps.oidc) throw new NotFoundError('no OpenID Connect provider is configured (auth.oidc)');
        const query = new URLSearchParams(request.url.slice(request.url.indexOf('?') + 1 || request.url.length));
        try {
          const { session, returnTo } = await deps.oidc.finish(query, readCookie(request.headers.cookie, OIDC_COOKIE), sourceAddress(request));
          setSessionCookie(request, reply, session.secret, Math.floor((Date.parse(session.expiresAt) - Date.now()) / 1000));
          oidcCookie(request, reply, '', 0);
          return reply.redirect(returnTo, 302);
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          request.log.warn({ reason: err.message }, 'OpenID Connect sign-in failed');
          oidcCookie(request, reply, '', 0);
          return reply.redirect(`/sign-in?signInError=${errorCode(err)}`, 302);
        }
      },
    });
  };
}
