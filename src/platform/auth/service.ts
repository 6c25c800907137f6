// Accounts, sign-in, sessions and API tokens. Who a request is gets decided here; what they may do is
// decided by the permission rules (permissions.ts), which do not care how someone signed in. Local accounts
// check their password here; directory accounts ('ldap') have theirs checked by the directory (ldap.ts), and
// OpenID Connect accounts ('oidc') by their provider (oidc-sign-in.ts, then signInWithProvider). All of them
// end in startSession(). A directory user gets an account on first sign-in, with no project rights.
import { randomBytes } from 'node:crypto';
import type { Actor, Audit } from '../audit/audit.js';
import { ConflictError, ForbiddenError, NotFoundError, RuleError, ServiceUnavailableError, TooManyRequestsError, UnauthenticatedError, isUniqueViolation } from '../errors.js';
import { DirectoryRejectedError, DirectoryUnavailableError, type DirectoryUser } from './ldap.js';
import { DEFAULT_COST, hashPassword, randomPassword, unusableHash, verifyPassword } from './password.js';
import type { Principal } from './permissions.js';
import { commonPasswords } from './common-passwords.js';
import { checkPassword, checkTokenName, normalizeUsername, pauseAfter, sessionExpired, SESSION_LIFETIME_MS } from './rules.js';
import type { Session, SessionsRepository } from './sessions.js';
import { AccountAddressThrottle, AddressThrottle } from './throttle.js';
import { generateToken, TOKEN_PREFIX, type ApiToken, type TokensRepository } from './tokens.js';
import { publicUser, type AuthSource, type StoredUser, type User, type UsersRepository } from './users.js';

export interface AuthPorts {
  users: UsersRepository;
  sessions: SessionsRepository;
  tokens: TokensRepository;
  audit: Audit;
  now?: () => Date;
  /** The per-address pause after many failed sign-ins (default: 20 failures in 10 minutes pause 5 minutes). */
  throttle?: AddressThrottle;
  /** LDAP / Active Directory (config auth.ldap): users unknown here, or known as 'ldap', sign in through it. */
  directory?: { url: string; authenticate(username: string, password: string): Promise<DirectoryUser> };
  /** scrypt cost (log2 N) of new password hashes (config auth.passwordCost; default 15). */
  passwordCost?: number;
}

/** Who an OpenID Connect provider says signed in (oidc.ts). */
export interface ProviderIdentity {
  externalId: string;
  username: string | null;
  displayName: string | null;
  /** null: the provider does not decide the site role. */
  isAdmin: boolean | null;
}

/** How someone proved who they are, as the audit log says it. */
export type SignInMethod = 'password' | 'ldap' | 'oidc';

export interface NewSession {
  /** The cookie value; shown to the browser once, stored only hashed. */
  secret: string;
  csrfToken: string;
  expiresAt: string;
  user: User;
}

export type Authenticated =
  | { principal: Principal; via: 'session'; session: Session }
  | { principal: Principal; via: 'token'; token: ApiToken };

function principalOf(user: StoredUser): Principal {
  return { userId: user.id, username: user.username, isAdmin: user.isAdmin };
}

export function actorOf(principal: Principal, via: Actor['via'], tokenId?: string | null): Actor {
  return { userId: principal.userId, username: principal.username, via, tokenId: tokenId ?? null };
}

export class AuthService {
  private readonly now: () => Date;
  private readonly throttle: AddressThrottle;
  private readonly accounts = new AccountAddressThrottle(pauseAfter);
  private readonly cost: typeof DEFAULT_COST;
  private readonly unusable: string;

  constructor(private readonly ports: AuthPorts) {
    this.now = ports.now ?? (() => new Date());
    this.throttle = ports.throttle ?? new AddressThrottle();
    this.cost = { ...DEFAULT_COST, log2N: ports.passwordCost ?? DEFAULT_COST.log2N };
    this.unusable = unusableHash(this.cost);
  }

  // ---- users ----

  async createUser(
    input: { username: string; password?: string; isAdmin?: boolean; displayName?: string | null },
    actor: Actor,
  ): Promise<{ user: User; generatedPassword?: string }> {
    const username = normalizeUsername(input.username);
    const generatedPassword = input.password === undefined ? randomPassword(20, username) : undefined;
    const password = input.password ?? generatedPassword!;
    // A generated password is 20 random characters: no list of people's passwords holds it, so the list is
    // not loaded for it (the first start creates the admin with one).
    checkPassword(password, username, generatedPassword === undefined ? await commonPasswords() : new Set());
    if (await this.ports.users.findByUsername(username)) throw new ConflictError(`username: "${username}" already exists`, 'username');
    let user: StoredUser;
    try {
      user = await this.ports.users.insert({ username, displayName: input.displayName ?? null, passwordHash: await hashPassword(password, this.cost), isAdmin: input.isAdmin ?? false, createdAt: this.now().toISOString() });
    } catch (err) {
      if (isUniqueViolation(err)) throw new ConflictError(`username: "${username}" already exists`, 'username');
      throw err;
    }
    await this.ports.audit.record({ action: 'user.create', actor, target: username, details: { isAdmin: user.isAdmin } });
    return { user: publicUser(user), generatedPassword };
  }

  async listUsers(): Promise<User[]> {
    return (await this.ports.users.list()).map(publicUser);
  }

  async getUser(username: string): Promise<User> {
    const user = await this.ports.users.findByUsername(username.trim().toLowerCase());
    if (!user) throw new NotFoundError(`user "${username}" not found`);
    return publicUser(user);
  }

  async findUser(username: string): Promise<User | undefined> {
    const user = await this.ports.users.findByUsername(username.trim().toLowerCase());
    return user && publicUser(user);
  }

  /** Change a user's site role, disable or re-enable them, or set a new password. Disabling ends their sessions; their tokens stop working at once. */
  /**
   * A new password set by someone else (an admin's reset) also revokes all the user's API tokens: a reset
   * follows a suspected compromise, and tokens do not ask for the password. `revokeTokens` does the same
   * when users change their own.
   */
  async updateUser(username: string, changes: { isAdmin?: boolean; disabled?: boolean; password?: string; displayName?: string | null }, actor: Actor, options: { revokeTokens?: boolean } = {}): Promise<User> {
    const user = await this.ports.users.findByUsername(username.trim().toLowerCase());
    if (!user) throw new NotFoundError(`user "${username}" not found`);
    if (actor.userId === user.id && (changes.isAdmin === false || changes.disabled === true)) {
      throw new ForbiddenError('you cannot remove your own admin role or disable yourself');
    }
    if (changes.password !== undefined) {
      if (user.authSource !== 'local') throw new RuleError(`password: ${user.username} signs in through the ${user.authSource === 'ldap' ? 'directory' : 'sign-in provider'}, which keeps the password`, 'password');
      checkPassword(changes.password, user.username, await commonPasswords());
    }
    await this.ports.users.update(user.id, {
      isAdmin: changes.isAdmin,
      disabled: changes.disabled,
      displayName: changes.displayName,
      passwordHash: changes.password !== undefined ? await hashPassword(changes.password, this.cost) : undefined,
    });
    if (changes.disabled === true || changes.password !== undefined) await this.ports.sessions.deleteForUser(user.id);
    if (changes.password !== undefined) {
      await this.ports.users.recordSuccess(user.id, user.lastSignInAt);
      this.accounts.forgetAccount(user.username);
    }
    let tokensRevoked = 0;
    if (changes.password !== undefined && (actor.userId !== user.id || options.revokeTokens)) tokensRevoked = await this.ports.tokens.revokeForUser(user.id, this.now().toISOString());
    const { password: _secret, ...logged } = changes;
    await this.ports.audit.record({ action: 'user.update', actor, target: user.username, details: { ...logged, passwordChanged: changes.password !== undefined, ...(tokensRevoked > 0 ? { tokensRevoked } : {}) } });
    return this.getUser(user.username);
  }

  /** First start: when no user exists, create `admin` with the given password or a random one (returned, to be shown once). */
  async ensureFirstAdmin(password?: string): Promise<{ created: boolean; generatedPassword?: string }> {
    if ((await this.ports.users.count()) > 0) return { created: false };
    try {
      const { generatedPassword } = await this.createUser({ username: 'admin', password: password || undefined, isAdmin: true }, { userId: null, username: null, via: 'system' });
      return { created: true, generatedPassword };
    } catch (err) {
      // Another node created it at the same moment.
      if (err instanceof ConflictError) return { created: false };
      throw err;
    }
  }

  // ---- sign-in and sessions ----

  /**
   * Sign in with username and password. Local accounts check the password here (see verifyCredentials); with
   * a directory configured, a username unknown here or known as a directory account is checked by the
   * directory instead. Local accounts never ask the directory, so the local admin signs in while it is down.
   */
  async signIn(username: string, password: string, sourceAddress: string | null): Promise<NewSession> {
    const name = username.trim().toLowerCase();
    const known = await this.ports.users.findByUsername(name);
    if (this.ports.directory && (!known || known.authSource === 'ldap')) return this.signInWithDirectory(name, password, known, sourceAddress);
    const user = await this.verifyCredentials(username, password, sourceAddress, 'session.create');
    await this.ports.users.recordSuccess(user.id, this.now().toISOString());
    return this.startSession(user, sourceAddress);
  }

  private async signInWithDirectory(name: string, password: string, known: StoredUser | undefined, sourceAddress: string | null): Promise<NewSession> {
    const directory = this.ports.directory!;
    const fail = async (reason: string) => {
      await this.ports.audit.record({ action: 'session.create', outcome: 'failed', actor: { userId: known?.id ?? null, username: name.slice(0, 64), via: 'session' }, sourceAddress, details: { method: 'ldap', reason } });
    };
    await this.checkPaused(name, sourceAddress, fail);
    const rejected = async (reason: string): Promise<never> => {
      const now = this.now().getTime();
      this.throttle.recordFailure(sourceAddress, now);
      this.accounts.recordFailure(name, sourceAddress, now);
      await fail(reason);
      throw new UnauthenticatedError('wrong username or password');
    };
    let username: string;
    try {
      username = normalizeUsername(name);
    } catch {
      return rejected('username not allowed in Fiona');
    }
    let found: DirectoryUser;
    try {
      found = await directory.authenticate(username, password);
    } catch (err) {
      if (err instanceof DirectoryRejectedError) return rejected(`directory: ${err.message}`);
      if (err instanceof DirectoryUnavailableError) {
        await fail(`directory unavailable: ${err.message}`.slice(0, 300));
        throw new ServiceUnavailableError(`the directory (${directory.url}) cannot be reached, so directory accounts cannot sign in just now; local accounts still can. Try again later or tell your administrator.`);
      }
      throw err;
    }
    if (known?.disabled) return rejected('disabled');
    this.accounts.succeeded(name, sourceAddress);
    const user = await this.directoryAccount(username, 'ldap', null, found.displayName, found.isAdmin, known, { dn: found.dn });
    return this.startSession(user, sourceAddress, 'ldap');
  }

  /**
   * Sign in someone an OpenID Connect provider vouched for: their account by issuer and subject, made on
   * first sign-in (no project rights). A username already taken by another account is refused, never
   * joined: the provider must not be able to take over a local account by naming it.
   */
  async signInWithProvider(identity: ProviderIdentity, sourceAddress: string | null): Promise<NewSession> {
    const known = await this.ports.users.findByExternalId(identity.externalId);
    const fail = async (reason: string, username: string | null) => {
      await this.ports.audit.record({ action: 'session.create', outcome: 'failed', actor: { userId: known?.id ?? null, username: (username ?? identity.username ?? '').slice(0, 64) || null, via: 'session' }, sourceAddress, details: { method: 'oidc', reason } });
    };
    if (known?.disabled) {
      await fail('disabled', known.username);
      throw new ForbiddenError(`the Fiona account ${known.username} is disabled`);
    }
    let username = known?.username;
    if (!username) {
      try {
        username = normalizeUsername(identity.username ?? '');
      } catch {
        await fail('no usable username', null);
        throw new RuleError(`the sign-in provider gave no username Fiona can use (${JSON.stringify(identity.username ?? null)}): 2-64 letters, digits, ".", "_", "@", "-"`, 'username');
      }
      const taken = await this.ports.users.findByUsername(username);
      // A second sign-in of the same person at the same moment may have made the account just now: that
      // account is theirs (same issuer and subject), not someone else's name.
      if (taken && taken.authSource === 'oidc' && taken.externalId === identity.externalId) {
        const user = await this.directoryAccount(taken.username, 'oidc', identity.externalId, identity.displayName, identity.isAdmin, taken, {});
        return this.startSession(user, sourceAddress, 'oidc');
      }
      if (taken) {
        await fail('username taken', username);
        throw new ConflictError(`a Fiona account named "${username}" already exists and is not linked to this sign-in; ask an administrator`, 'username');
      }
    }
    const user = await this.directoryAccount(username, 'oidc', identity.externalId, identity.displayName, identity.isAdmin, known, {});
    return this.startSession(user, sourceAddress, 'oidc');
  }

  /** The account of a directory user after a successful sign-in: made on first sign-in; name and site role kept up to date. */
  private async directoryAccount(username: string, source: AuthSource, externalId: string | null, displayName: string | null, isAdmin: boolean | null, known: StoredUser | undefined, details: Record<string, unknown>): Promise<StoredUser> {
    const system = { userId: null, username: null, via: 'system' as const };
    let user = known;
    if (!user) {
      try {
        user = await this.ports.users.insert({ username, displayName, passwordHash: null, isAdmin: isAdmin ?? false, createdAt: this.now().toISOString(), authSource: source, externalId });
        await this.ports.audit.record({ action: 'user.create', actor: system, target: username, details: { source, isAdmin: user.isAdmin, firstSignIn: true, ...details } });
      } catch (err) {
        // The same person signing in twice at once: the other request made the account.
        if (!isUniqueViolation(err)) throw err;
        user = externalId ? await this.ports.users.findByExternalId(externalId) : await this.ports.users.findByUsername(username);
        if (!user || user.authSource !== source) throw new ConflictError(`a Fiona account named "${username}" already exists`, 'username');
      }
    } else {
      const changes: { isAdmin?: boolean; displayName?: string | null } = {};
      if (isAdmin !== null && isAdmin !== user.isAdmin) changes.isAdmin = isAdmin;
      if (displayName !== null && displayName !== user.displayName) changes.displayName = displayName;
      if (Object.keys(changes).length > 0) {
        await this.ports.users.update(user.id, changes);
        await this.ports.audit.record({ action: 'user.update', actor: system, target: user.username, details: { ...changes, source, reason: 'directory at sign-in' } });
        user = { ...user, ...changes };
      }
    }
    await this.ports.users.recordSuccess(user.id, this.now().toISOString());
    return user;
  }

  /** The pauses after failed sign-ins (see verifyCredentials): per address, and per account and address. */
  private async checkPaused(name: string, sourceAddress: string | null, fail: (reason: string) => Promise<void>): Promise<void> {
    const now = this.now().getTime();
    const addressWait = this.throttle.waitSeconds(sourceAddress, now);
    if (addressWait > 0) {
      await fail('address paused');
      throw new TooManyRequestsError(`too many failed sign-ins from your address: try again in ${addressWait} seconds`, addressWait);
    }
    const accountWait = this.accounts.waitSeconds(name, sourceAddress, now);
    if (accountWait > 0) {
      await fail('paused');
      throw new TooManyRequestsError(`too many failed sign-ins: try again in ${accountWait} seconds`, accountWait);
    }
  }

  /** Change one's own password, proving the current one first. Ends all of the user's sessions. */
  async changeOwnPassword(username: string, currentPassword: string, newPassword: string, actor: Actor, sourceAddress: string | null, options: { revokeTokens?: boolean } = {}): Promise<void> {
    const own = await this.ports.users.findByUsername(username.trim().toLowerCase());
    if (own && own.authSource !== 'local') throw new RuleError(`your password is kept by the ${own.authSource === 'ldap' ? 'directory' : 'sign-in provider'}: change it there`, 'currentPassword');
    await this.verifyCredentials(username, currentPassword, sourceAddress, 'user.password');
    await this.updateUser(username, { password: newPassword }, actor, options);
  }

  /**
   * Check a local password. Unknown users and wrong passwords get the same answer after the same work (the
   * password is always hashed, against an unusable hash when there is no user) and the same pauses: per
   * address (spraying across accounts) and per account and address (guessing one account), never per
   * account alone, so nobody can lock another user out. Failures are audited under `action`.
   */
  private async verifyCredentials(username: string, password: string, sourceAddress: string | null, action: string): Promise<StoredUser> {
    const name = username.trim().toLowerCase();
    const user = await this.ports.users.findByUsername(name);
    const now = this.now();
    const fail = async (reason: string) => {
      await this.ports.audit.record({ action, outcome: 'failed', actor: { userId: user?.id ?? null, username: name.slice(0, 64), via: 'session' }, sourceAddress, details: { reason } });
    };
    await this.checkPaused(name, sourceAddress, fail);
    const ok = await verifyPassword(password, user?.passwordHash ?? this.unusable);
    if (!user || !ok || user.disabled || !user.passwordHash) {
      this.throttle.recordFailure(sourceAddress, now.getTime());
      this.accounts.recordFailure(name, sourceAddress, now.getTime());
      await fail(!user ? 'unknown user' : user.disabled ? 'disabled' : !ok ? 'wrong password' : 'no local password');
      throw new UnauthenticatedError('wrong username or password');
    }
    this.accounts.succeeded(name, sourceAddress);
    return user;
  }

  /** Open a session for a user whose credential has been verified (by signIn, the directory or the sign-in provider). */
  async startSession(user: StoredUser | User, sourceAddress: string | null, method: SignInMethod = 'password'): Promise<NewSession> {
    const now = this.now();
    const secret = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS).toISOString();
    await this.ports.sessions.insert({ secret, userId: user.id, csrfToken, sourceAddress, createdAt: now.toISOString(), expiresAt });
    await this.ports.sessions.deleteExpired(now.toISOString());
    await this.ports.audit.record({ action: 'session.create', actor: { userId: user.id, username: user.username, via: 'session' }, sourceAddress, ...(method === 'password' ? {} : { details: { method } }) });
    return { secret, csrfToken, expiresAt, user: publicUser(user) };
  }

  async endSession(session: Session, actor: Actor, sourceAddress: string | null): Promise<void> {
    await this.ports.sessions.delete(session.idHash);
    await this.ports.audit.record({ action: 'session.delete', actor, sourceAddress });
  }

  /** The user behind a session cookie, or null when the session is unknown, expired or its user disabled. */
  async authenticateSession(secret: string): Promise<Authenticated | null> {
    const session = await this.ports.sessions.findBySecret(secret);
    if (!session) return null;
    const now = this.now();
    if (sessionExpired(session, now)) {
      await this.ports.sessions.delete(session.idHash);
      return null;
    }
    const user = await this.ports.users.findById(session.userId);
    if (!user || user.disabled) return null;
    // Write the last-seen time at most once a minute.
    if (now.getTime() - Date.parse(session.lastSeenAt) > 60_000) await this.ports.sessions.touch(session.idHash, now.toISOString());
    return { principal: principalOf(user), via: 'session', session };
  }

  /** The user behind an API token, or null when the token is unknown, revoked or its user disabled. */
  async authenticateToken(secret: string): Promise<Authenticated | null> {
    if (!secret.startsWith(TOKEN_PREFIX) || secret.length > 200) return null;
    const token = await this.ports.tokens.findBySecret(secret);
    if (!token || token.revokedAt) return null;
    if (token.expiresAt && Date.parse(token.expiresAt) <= this.now().getTime()) return null;
    const user = await this.ports.users.findById(token.userId);
    if (!user || user.disabled) return null;
    await this.ports.tokens.touch(token.id, this.now().toISOString());
    return { principal: principalOf(user), via: 'token', token };
  }

  // ---- API tokens ----

  /**
   * A new token for the user. `expiresInDays` makes it stop working then. A request made with a token
   * (`via`) may create one only if that token was created with `mayCreateTokens`, and the new one expires
   * no later than it does: a leaked token cannot be turned into fresh, longer-lived ones.
   */
  async createToken(username: string, name: string, actor: Actor, options: { expiresInDays?: number; mayCreateTokens?: boolean; via?: ApiToken } = {}): Promise<{ token: ApiToken; secret: string }> {
    const user = await this.ports.users.findByUsername(username.trim().toLowerCase());
    if (!user) throw new NotFoundError(`user "${username}" not found`);
    const label = checkTokenName(name);
    const now = this.now();
    const { via } = options;
    if (via && !via.mayCreateTokens) throw new ForbiddenError('this API token may not create tokens: sign in, or use a token created with mayCreateTokens');
    let expiresAt = options.expiresInDays !== undefined ? new Date(now.getTime() + options.expiresInDays * 86_400_000).toISOString() : null;
    if (via?.expiresAt && (expiresAt === null || expiresAt > via.expiresAt)) expiresAt = via.expiresAt;
    const secret = generateToken();
    const token = await this.ports.tokens.insert({ userId: user.id, name: label, secret, createdAt: now.toISOString(), expiresAt, mayCreateTokens: options.mayCreateTokens ?? false });
    await this.ports.audit.record({ action: 'token.create', actor, target: token.id, details: { user: user.username, name: label, expiresAt, mayCreateTokens: token.mayCreateTokens } });
    return { token, secret };
  }

  async listTokens(username: string): Promise<ApiToken[]> {
    const user = await this.ports.users.findByUsername(username.trim().toLowerCase());
    if (!user) throw new NotFoundError(`user "${username}" not found`);
    return this.ports.tokens.listForUser(user.id);
  }

  /** Revoke a token. Only its owner or an admin may; to anyone else it does not exist. */
  async revokeToken(id: string, by: Principal | null, actor: Actor): Promise<ApiToken> {
    const token = await this.ports.tokens.findById(id);
    if (!token || (by && !by.isAdmin && token.userId !== by.userId)) throw new NotFoundError(`token "${id}" not found`);
    if (!token.revokedAt) {
      await this.ports.tokens.revoke(id, this.now().toISOString());
      await this.ports.audit.record({ action: 'token.revoke', actor, target: id, details: { name: token.name } });
    }
    return (await this.ports.tokens.findById(id))!;
  }
}
