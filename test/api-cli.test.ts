// The user, token and project commands through `node bin/fiona.js`, against a data dir in a temp folder
// (SQLite) and a PostgreSQL database; then the API accepts what the commands made.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeWebApp } from '../src/composition.js';
import { loadConfig } from '../src/platform/config.js';
import { silentLogger } from '../src/platform/logger.js';
import { openDatabase, type Db } from '../src/platform/db/database.js';
import { engines, type TestDatabase } from './support/databases.js';
import { TEST_CONFIG, TEST_ENV } from './support/test-config.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

describe.each(engines)('fiona user/token/project on $engine', ({ engine, create }) => {
  let dataDir: string;
  let target: TestDatabase | undefined;
  let env: NodeJS.ProcessEnv;

  const fiona = (args: string[], input?: string): Promise<Run> =>
    new Promise((resolve) => {
      const child = execFile(process.execPath, ['bin/fiona.js', ...args], { env, cwd: process.cwd(), timeout: 60_000 }, (err, stdout, stderr) => {
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
      });
      if (input !== undefined) child.stdin!.end(input);
      else child.stdin!.end();
    });

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'fiona-cli-'));
    env = { ...process.env, FIONA_DATA_DIR: dataDir, FIONA_LOG_LEVEL: 'silent', ...TEST_ENV };
    delete env.FIONA_DB_URL;
    delete env.FIONA_CONFIG;
    if (engine === 'postgres') {
      target = await create();
      env.FIONA_DB_URL = target.url;
    }
  });
  afterAll(async () => {
    await target?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  let aliceToken = '';
  let bobPassword = '';

  it('adds users, with a password from stdin or a generated one printed alone', async () => {
    const alice = await fiona(['user', 'add', 'alice', '--password-stdin'], 'a very long secret here\n');
    expect(alice).toMatchObject({ code: 0, stdout: '' });
    expect(alice.stderr).toContain('created user "alice"');
    const bob = await fiona(['user', 'add', 'bob', '--admin']);
    expect(bob.code).toBe(0);
    expect(bob.stdout).toMatch(/^[A-Za-z0-9]{20}\n$/);
    bobPassword = bob.stdout.trim();
    const again = await fiona(['user', 'add', 'alice', '--password-stdin'], 'another long password\n');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^fiona: username: "alice" already exists/);
    const weak = await fiona(['user', 'add', 'carol', '--password-stdin'], 'short\n');
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('password: at least 12 characters');
    // The list of common passwords is loaded when first needed, in the compiled command too.
    const common = await fiona(['user', 'add', 'carol', '--password-stdin'], 'Password2024!\n');
    expect(common.code).toBe(1);
    expect(common.stderr).toContain('is a common password ("password") with digits or symbols added');
    const list = await fiona(['user', 'list']);
    expect(list.stdout).toMatch(/alice {2}user {2}active/);
    expect(list.stdout).toMatch(/bob {2}admin {2}active/);
  });

  it('creates a token and prints it alone on stdout', async () => {
    const run = await fiona(['token', 'create', 'alice', '--name', 'pipeline']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^fiona_[\w-]{43}\n$/);
    aliceToken = run.stdout.trim();
    expect((await fiona(['token', 'create', 'nobody'])).stderr).toContain('user "nobody" not found');
    const list = await fiona(['token', 'list', 'alice']);
    expect(list.stdout).toContain('pipeline');
    expect(list.stdout).toContain(aliceToken.slice(0, 12));
    expect(list.stdout).not.toContain(aliceToken);
  });

  it('creates a project with its REK period, PI and owner; refuses bad input naming the field', async () => {
    const ok = await fiona(['project', 'create', '--name', 'CLIPROJ', '--participant-pattern', 'CLI-\\d{3}', '--events', 'baseline,followup', '--destination', 'RPACS@pacs.example.org:104', '--rek', '2024/99', '--start', '2024-01-01', '--end', '2099-12-31', '--pi', 'Dr. Pi', '--owner', 'alice']);
    expect(ok).toMatchObject({ code: 0, stdout: 'created project CLIPROJ\n' });
    for (const [args, message] of [
      [['--name', 'BAD'], 'name: 5-20 characters'],
      [['--name', 'CLIPROJ2', '--participant-pattern', '.*'], 'participantPattern: must not match the empty string'],
      [['--name', 'CLIPROJ2', '--destination', 'nohost'], '--destination: AET@host:port'],
      [['--name', 'CLIPROJ2', '--end', '2024-02-30'], 'endDate: a date as YYYY-MM-DD'],
      [['--name', 'cliproj'], 'name: a project "CLIPROJ" already exists'],
    ] as const) {
      const defaults: Record<string, string> = { '--name': 'X', '--participant-pattern': 'X\\d', '--events': 'a', '--destination': 'A@h:1' };
      for (let i = 0; i < args.length; i += 2) defaults[args[i]] = args[i + 1];
      const run = await fiona(['project', 'create', ...Object.entries(defaults).flat()]);
      expect(run.code, message).toBe(1);
      expect(run.stderr).toContain(message);
    }
    const list = await fiona(['project', 'list']);
    expect(list.stdout).toContain('CLIPROJ  development  REK 2024/99 2024-01-01..2099-12-31  pattern CLI-\\d{3}  events baseline,followup  -> RPACS@pacs.example.org:104');
    expect(list.stdout.trim().split('\n')).toHaveLength(1);
    expect((await fiona(['project', 'add-member', 'CLIPROJ', 'bob', 'viewer'])).code).toBe(0);
  });

  it('made things the API accepts: the token works, the owner sees the project, bob signs in', async () => {
    const db: Db = await openDatabase(env.FIONA_DB_URL ?? `sqlite:${join(dataDir, 'fiona.sqlite')}`);
    const { app } = await composeWebApp({ db, logger: silentLogger, config: loadConfig({ env: {}, overrides: TEST_CONFIG }) });
    try {
      const project = await app.inject({ method: 'GET', url: '/api/projects/CLIPROJ', headers: { authorization: `Bearer ${aliceToken}` } });
      expect(project.statusCode).toBe(200);
      expect(project.json()).toMatchObject({ name: 'CLIPROJ', myRole: 'owner', rekNumber: '2024/99', principalInvestigator: 'Dr. Pi', events: ['baseline', 'followup'] });
      expect((await app.inject({ method: 'POST', url: '/api/session', payload: { username: 'bob', password: bobPassword } })).statusCode).toBe(200);
      expect((await app.inject({ method: 'POST', url: '/api/session', payload: { username: 'alice', password: 'a very long secret here' } })).statusCode).toBe(200);
      const members = await app.inject({ method: 'GET', url: '/api/projects/CLIPROJ/members', headers: { authorization: `Bearer ${aliceToken}` } });
      expect(members.json().map((m: { username: string; role: string }) => `${m.username}:${m.role}`)).toEqual(['alice:owner', 'bob:viewer']);
      const audit = await db.kysely.selectFrom('audit_log').selectAll().where('via', '=', 'cli').execute();
      expect(audit.map((r) => r.action)).toEqual(expect.arrayContaining(['user.create', 'token.create', 'project.create', 'member.add']));
      expect(audit.every((r) => r.actor_username?.startsWith('cli:'))).toBe(true);

      // Revoked from the command line: the API refuses the token at once.
      const id = (JSON.parse((await fiona(['token', 'list', 'alice', '--json'])).stdout) as Array<{ id: string }>)[0].id;
      expect((await fiona(['token', 'revoke', id])).code).toBe(0);
      expect((await app.inject({ method: 'GET', url: '/api/projects', headers: { authorization: `Bearer ${aliceToken}` } })).statusCode).toBe(401);
      expect((await fiona(['token', 'list'])).stdout).toMatch(/REVOKED/);
    } finally {
      await app.close();
      await db.close();
    }
  });
});
