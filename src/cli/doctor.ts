// `fiona doctor`: checks configuration, database, storage, the DICOM port and, when configured, the
// directory and the sign-in provider, and says what is wrong.
import { createServer } from 'node:net';
import type { Command } from 'commander';
import type { FionaConfig } from '../platform/config.js';

interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

function portFree(port: number, host: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
    server.listen(port, host, () => server.close(() => resolve(undefined)));
  });
}

async function runChecks(config: FionaConfig): Promise<Check[]> {
  const { assertWritableDir, dataModes, dataPermissionProblems, diskSpace } = await import('../platform/storage.js');
  const { databaseUrl } = await import('../platform/config.js');
  const { openDatabase, redactUrl } = await import('../platform/db/database.js');
  const { studyRemoval } = await import('../pipeline/quarantine/removal.js');
  const { databaseNow } = await import('../platform/db/clock.js');
  const checks: Check[] = [];
  // What the checks create (a fresh data dir, the database) is created as `fiona serve` would.
  process.umask(dataModes(config.storage.groupReadable).umask);
  try {
    await assertWritableDir(config.dataDir);
    const disk = await diskSpace(config.dataDir);
    const gib = disk.freeBytes / 1024 ** 3;
    const percent = disk.totalBytes > 0 ? (disk.freeBytes / disk.totalBytes) * 100 : 100;
    const low = gib <= 1 ? ' (less than 1 GiB: receiving will soon fail)' : percent < config.retention.minFreePercent ? ` (below retention.minFreePercent ${config.retention.minFreePercent} %: retention removes studies)` : '';
    checks.push({ name: 'storage', ok: gib > 1, detail: `${config.dataDir} writable, ${gib.toFixed(1)} GiB free (${percent.toFixed(1)} %)${low}` });
  } catch (err) {
    checks.push({ name: 'storage', ok: false, detail: (err as Error).message });
  }
  const url = databaseUrl(config);
  const permissions = async () => {
    const modes = dataModes(config.storage.groupReadable);
    const who = config.storage.groupReadable ? 'its owner and group' : 'its owner';
    try {
      const { problems, found, checked } = await dataPermissionProblems(config.dataDir, config.storage.groupReadable);
      if (found === 0) return { name: 'permissions', ok: true, detail: `${checked} files and folders readable by ${who} only (folders ${modes.dir.toString(8)}, files ${modes.file.toString(8)})` };
      const listed = problems.map((p) => `${p.path} is ${p.mode}, should be at most ${p.expected}`).join('; ');
      return { name: 'permissions', ok: false, detail: `${found} of ${checked} files and folders are readable by more than ${who}: ${listed}${found > problems.length ? '; …' : ''} (fix: chmod -R ${config.storage.groupReadable ? 'o-rwx' : 'go-rwx'} ${config.dataDir})` };
    } catch (err) {
      return { name: 'permissions', ok: false, detail: (err as Error).message };
    }
  };
  try {
    const db = await openDatabase(url);
    try {
      checks.push({ name: 'database', ok: true, detail: `${redactUrl(url)} reachable, schema up to date` });
      const oldest = await studyRemoval(db, config.dataDir).oldestReceivedAt();
      const days = oldest ? ((await databaseNow(db)).getTime() - Date.parse(oldest)) / 86_400_000 : null;
      checks.push({
        name: 'quarantine',
        ok: true,
        detail: days === null ? 'empty' : `oldest study received ${days.toFixed(1)} days ago (retention: unassigned ${config.retention.unassignedDays} days, confirmed ${config.retention.confirmedDays} days)`,
      });
      if (config.mail.enabled) {
        const { outboxRepository } = await import('../notifications/outbox-repository.js');
        const { counts, oldestQueuedAt } = await outboxRepository(db).summary();
        const failed = counts.failed ?? 0;
        checks.push({ name: 'mail outbox', ok: failed === 0, detail: `${counts.queued ?? 0} queued${oldestQueuedAt ? ` (oldest from ${oldestQueuedAt})` : ''}, ${counts.sent ?? 0} sent, ${failed} given up${failed ? ' (see the log: "gave up sending an e-mail")' : ''}` });
      }
    } finally {
      await db.close();
    }
  } catch (err) {
    checks.push({ name: 'database', ok: false, detail: (err as Error).message });
  }
  if (config.mail.enabled) {
    const { smtpMailer } = await import('../platform/mail/mailer.js');
    const mailer = smtpMailer(config.mail);
    try {
      await mailer.verify();
      checks.push({ name: 'mail', ok: true, detail: `SMTP ${config.mail.host}:${config.mail.port} answers${config.mail.user ? ' and accepts the sign-in' : ''}` });
    } catch (err) {
      checks.push({ name: 'mail', ok: false, detail: `SMTP ${config.mail.host}:${config.mail.port}: ${(err as Error).message} (messages wait in the outbox meanwhile)` });
    } finally {
      mailer.close();
    }
  } else checks.push({ name: 'mail', ok: true, detail: 'off (mail.enabled is false): no e-mail notifications' });
  checks.push(await permissions());
  for (const [name, port, host] of [
    ['dicom port', config.dicom.port, config.dicom.host],
    ['http port', config.http.port, config.http.host],
  ] as const) {
    const problem = await portFree(port, host);
    checks.push({
      name,
      ok: !problem,
      detail: problem === 'EADDRINUSE' ? `${port} is in use (is Fiona already running? then this is expected)` : problem ? `${port}: ${problem}` : `${port} free`,
    });
  }
  if (config.auth.ldap) {
    const { LdapDirectory } = await import('../platform/auth/ldap.js');
    try {
      checks.push({ name: 'directory (LDAP)', ok: true, detail: await new LdapDirectory(config.auth.ldap).check() });
    } catch (err) {
      checks.push({ name: 'directory (LDAP)', ok: false, detail: `${(err as Error).message} (directory users cannot sign in; local accounts can)` });
    }
  }
  if (config.auth.oidc) {
    const { OidcClient } = await import('../platform/auth/oidc.js');
    try {
      checks.push({ name: 'sign-in provider (OpenID Connect)', ok: true, detail: await new OidcClient(config.auth.oidc).check() });
    } catch (err) {
      checks.push({ name: 'sign-in provider (OpenID Connect)', ok: false, detail: (err as Error).message });
    }
  }
  return checks;
}

export function registerDoctor(program: Command): void {
  program
    .command('doctor')
    .description('check configuration, database, storage and ports')
    .action(async (_opts, command: Command) => {
      const root = command.optsWithGlobals() as { config?: string };
      const { loadConfig } = await import('../platform/config.js');
      let config: FionaConfig;
      try {
        config = loadConfig({ file: root.config });
        console.log(`ok    configuration: AE ${config.dicom.aet}, DICOM port ${config.dicom.port}, HTTP port ${config.http.port}, data ${config.dataDir}`);
      } catch (err) {
        console.log(`FAIL  configuration: ${(err as Error).message}`);
        process.exitCode = 1;
        return;
      }
      const checks = await runChecks(config);
      for (const check of checks) console.log(`${check.ok ? 'ok  ' : 'FAIL'}  ${check.name}: ${check.detail}`);
      if (checks.some((c) => !c.ok)) process.exitCode = 1;
    });
}
