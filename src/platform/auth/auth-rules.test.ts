import { describe, expect, it } from 'vitest';
import { hashPassword, randomPassword, verifyPassword, UNUSABLE_HASH } from './password.js';
import { mayBrowseQuarantine, mayInProject, PROJECT_PERMISSIONS, PROJECT_ROLES, roleAllows, rolesWith, type ProjectPermission, type ProjectRole } from './permissions.js';
import { commonPasswords } from './common-passwords.js';
import { checkPassword, normalizeUsername, pauseAfter, sessionExpired, FREE_ATTEMPTS } from './rules.js';
import { RuleError } from '../errors.js';
import { AddressThrottle } from './throttle.js';

describe('password hashing (scrypt)', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(hash).toMatch(/^scrypt\$15\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await verifyPassword('correct horse battery staple', hash)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', hash)).toBe(false);
  });
  it('salts: the same password hashes differently', async () => {
    expect(await hashPassword('same password here')).not.toBe(await hashPassword('same password here'));
  });
  it('keeps its cost in the hash, so it can be raised later', async () => {
    const cheap = await hashPassword('a password of mine', { log2N: 10, r: 8, p: 1 });
    expect(cheap.startsWith('scrypt$10$')).toBe(true);
    expect(await verifyPassword('a password of mine', cheap)).toBe(true);
  });
  it('matches nothing with the unusable hash or a malformed one', async () => {
    expect(await verifyPassword('', UNUSABLE_HASH)).toBe(false);
    expect(await verifyPassword('x', 'md5$abc')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$40$8$1$AA==$AA==')).toBe(false);
  });
  it('generates random passwords that pass the policy', async () => {
    const a = randomPassword();
    expect(a).toHaveLength(20);
    expect(a).not.toBe(randomPassword());
    const common = await commonPasswords();
    expect(() => checkPassword(a, 'admin', common)).not.toThrow();
  });
  it('never generates a password that contains the username, however short the name', () => {
    // A two-letter name is in ~2 % of 20 random characters: 2,000 draws would find it without the redraw.
    for (let i = 0; i < 2000; i++) expect(randomPassword(20, 'Ab').toLowerCase()).not.toContain('ab');
  });
});

describe('account rules', () => {
  it('normalises usernames to lower case and refuses odd ones', () => {
    expect(normalizeUsername(' Alice.Smith ')).toBe('alice.smith');
    for (const bad of ['a', 'has space', '-dash', 'x'.repeat(65), 'ø']) expect(() => normalizeUsername(bad)).toThrow(RuleError);
  });
  it('wants passwords of at least 12 characters, not containing the username, not common', async () => {
    const common = await commonPasswords();
    expect(common.size).toBeGreaterThan(10_000);
    expect(() => checkPassword('short', 'bob', common)).toThrow(/at least 12/);
    expect(() => checkPassword('my-name-is-bob!', 'bob', common)).toThrow(/username/);
    expect(() => checkPassword('twelve chars', 'bob', common)).not.toThrow();
    expect(() => checkPassword('Password2024!', 'bob', common)).toThrow(/common password \("password"\)/);
  });
  it('pauses after repeated failures, doubling up to 15 minutes', () => {
    for (let n = 0; n < FREE_ATTEMPTS; n++) expect(pauseAfter(n)).toBe(0);
    expect(pauseAfter(FREE_ATTEMPTS)).toBe(30);
    expect(pauseAfter(FREE_ATTEMPTS + 1)).toBe(60);
    expect(pauseAfter(FREE_ATTEMPTS + 20)).toBe(900);
  });
  it('ends sessions at their expiry or after two idle hours', () => {
    const s = { createdAt: '2026-01-01T00:00:00Z', lastSeenAt: '2026-01-01T01:00:00Z', expiresAt: '2026-01-01T12:00:00Z' };
    expect(sessionExpired(s, new Date('2026-01-01T02:59:00Z'))).toBe(false);
    expect(sessionExpired(s, new Date('2026-01-01T03:00:00Z'))).toBe(true);
    expect(sessionExpired({ ...s, lastSeenAt: '2026-01-01T11:59:00Z' }, new Date('2026-01-01T12:00:00Z'))).toBe(true);
  });
});

describe('roles and permissions', () => {
  const matrix: Record<ProjectRole, ProjectPermission[]> = {
    owner: [...PROJECT_PERMISSIONS],
    'data-manager': ['project:read', 'participants:read', 'participants:manage', 'studies:assign', 'data:read', 'data:review', 'data:export', 'data:delete'],
    'data-entry': ['project:read', 'participants:read', 'studies:assign', 'data:read'],
    viewer: ['project:read', 'participants:read', 'data:read'],
  };
  it.each(PROJECT_ROLES)('%s may do exactly its list', (role) => {
    for (const permission of PROJECT_PERMISSIONS) expect(roleAllows(role, permission)).toBe(matrix[role].includes(permission));
  });
  it('only owners manage members; data entry only assigns', () => {
    expect(rolesWith('members:manage')).toEqual(['owner']);
    expect(rolesWith('studies:assign')).toEqual(['owner', 'data-manager', 'data-entry']);
  });
  it('gives admins everything and non-members nothing', () => {
    const admin = { userId: 'a', username: 'a', isAdmin: true };
    const user = { userId: 'u', username: 'u', isAdmin: false };
    expect(mayInProject(admin, null, 'members:manage')).toBe(true);
    expect(mayInProject(user, null, 'project:read')).toBe(false);
    expect(mayInProject(user, 'viewer', 'studies:assign')).toBe(false);
  });
  it('lets admins and assigners browse the quarantine, nobody else', () => {
    const user = { userId: 'u', username: 'u', isAdmin: false };
    expect(mayBrowseQuarantine({ ...user, isAdmin: true }, [])).toBe(true);
    expect(mayBrowseQuarantine(user, ['viewer', 'data-entry'])).toBe(true);
    expect(mayBrowseQuarantine(user, ['viewer'])).toBe(false);
    expect(mayBrowseQuarantine(user, [])).toBe(false);
  });
});

describe('the per-address pause', () => {
  it('pauses an address after many failures in the window, and forgets old ones', () => {
    const t = new AddressThrottle({ limit: 3, windowMs: 1000, pauseMs: 5000, maxAddresses: 2 });
    t.recordFailure('1.1.1.1', 0);
    t.recordFailure('1.1.1.1', 10);
    expect(t.waitSeconds('1.1.1.1', 20)).toBe(0);
    t.recordFailure('1.1.1.1', 20);
    expect(t.waitSeconds('1.1.1.1', 20)).toBe(5);
    expect(t.waitSeconds('2.2.2.2', 20)).toBe(0);
    expect(t.waitSeconds('1.1.1.1', 5020)).toBe(0);
    // Failures spread wider than the window never add up.
    for (const at of [0, 2000, 4000, 6000]) t.recordFailure('3.3.3.3', at);
    expect(t.waitSeconds('3.3.3.3', 6000)).toBe(0);
    t.recordFailure('4.4.4.4', 0);
    t.recordFailure('5.5.5.5', 0);
    t.recordFailure(null, 0);
    expect(t.waitSeconds(null, 0)).toBe(0);
  });
});
