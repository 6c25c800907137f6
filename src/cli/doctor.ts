// `fiona doctor`: checks configuration, database, storage and the DICOM port, and says what is wrong.
import { createServer } from 'node:net';
import type { Command } from 'commander';
import { loadConfig, databaseUrl, type FionaConfig } from '../platform/config.js';
import { openDatabase, redactUrl } from '../platform/db/database.js';
import { assertWritableDir, diskSpace } from '../platform/storage.js';
import { studyRemoval } from '../pipeline/quarantine/removal.js';
import { databaseNow } from '../platform/db/clock.js';

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
  const checks: Check[] = [];
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
    } finally {
      await db.close();
    }
  } catch (err) {
    checks.push({ name: 'database', ok: false, detail: (err as Error).message });
  }
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
  return checks;
}

export function registerDoctor(program: Command): void {
  program
    .command('doctor')
    .description('check configuration, database, storage and ports')
    .action(async (_opts, command: Command) => {
      const root = command.optsWithGlobals() as { config?: string };
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
