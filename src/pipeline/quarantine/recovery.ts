// Start-up recovery. The quarantine files are the truth and the index can be rebuilt from them: a crash
// between the rename and the index commit (or an index commit that the OS had not yet written when the
// power went) leaves a file without a row. This pass indexes such files — only if the whole file parses,
// since a file renamed into place whose fsync never finished was never acknowledged and may be torn; those
// are moved aside to damaged/ for a person to look at — and removes temporary files of unanswered instances (and unused spare files).
import { mkdir, open, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Logger } from '../../platform/logger.js';
import { datasetOffset, fileTransferSyntax } from '../../dicom/meta.js';
import { parseDicom } from '../../dicom/parse.js';
import { readInstanceHeader } from './header.js';
import { conflictsDir, damagedDir, incomingDir, quarantineRoot, spareDir } from './layout.js';
import type { ConflictsRepository } from './conflicts-repository.js';
import type { IndexRecord, QuarantineRepository } from './repository.js';

const PREFIX_BYTES = 512 * 1024;

async function readPrefix(path: string): Promise<{ bytes: Buffer; size: number }> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const bytes = Buffer.alloc(Math.min(size, PREFIX_BYTES));
    await handle.read(bytes, 0, bytes.length, 0);
    return { bytes, size };
  } finally {
    await handle.close();
  }
}

export interface RecoveryResult {
  reindexed: number;
  unreadable: string[];
  removedTemporary: number;
}

export async function recoverQuarantine(
  quarantine: Pick<QuarantineRepository, 'index' | 'indexedPaths'>,
  dataDir: string,
  logger: Logger,
  conflicts?: Pick<ConflictsRepository, 'keptPaths'>,
  options: { minAgeMs?: number } = {},
): Promise<RecoveryResult> {
  const result: RecoveryResult = { reindexed: 0, unreadable: [], removedTemporary: 0 };
  // Several receivers on one shared folder (PostgreSQL): a young file may be another receiver's instance
  // under way, so only files older than minAgeMs are this pass's to judge.
  const minAgeMs = options.minAgeMs ?? 0;
  const settled = async (path: string) => minAgeMs === 0 || (await stat(path).then((s) => Date.now() - s.mtimeMs >= minAgeMs, () => false));
  for (const dir of [incomingDir(dataDir), spareDir(dataDir)]) {
    for (const name of await readdir(dir).catch(() => [] as string[])) {
      if (!(await settled(join(dir, name)))) continue;
      await rm(join(dir, name), { force: true });
      result.removedTemporary++;
    }
  }
  const entries = await readdir(quarantineRoot(dataDir), { recursive: true, withFileTypes: true }).catch(() => []);
  const files = entries.filter((e) => e.isFile() && e.name.endsWith('.dcm')).map((e) => join(e.parentPath, e.name));
  const orphans: string[] = [];
  for (let i = 0; i < files.length; i += 500) {
    const chunk = files.slice(i, i + 500);
    const known = await quarantine.indexedPaths(chunk);
    for (const f of chunk) if (!known.has(f) && (await settled(f))) orphans.push(f);
  }
  const records: IndexRecord[] = [];
  for (const path of orphans) {
    try {
      const { bytes, size } = await readPrefix(path);
      if (size > PREFIX_BYTES) parseDicom(await readFile(path));
      else parseDicom(bytes);
      const offset = datasetOffset(bytes);
      const transferSyntaxUid = fileTransferSyntax(bytes);
      const header = readInstanceHeader(bytes.subarray(offset), transferSyntaxUid, size <= PREFIX_BYTES);
      records.push({ header, transferSyntaxUid, path, sizeBytes: size, callingAet: '', sourceAddress: '', receivedAt: new Date().toISOString() });
    } catch (err) {
      const aside = join(damagedDir(dataDir), `${Date.now()}-${basename(path)}`);
      await mkdir(damagedDir(dataDir), { recursive: true });
      await rename(path, aside);
      result.unreadable.push(aside);
      logger.warn({ path: aside, reason: (err as Error).message }, 'quarantine file without index row does not parse whole; moved aside');
    }
  }
  for (let i = 0; i < records.length; i += 200) await quarantine.index(records.slice(i, i + 200));
  // A conflicting copy whose row was never committed was never acknowledged either.
  if (conflicts) {
    const kept = await conflicts.keptPaths();
    for (const name of await readdir(conflictsDir(dataDir)).catch(() => [] as string[])) {
      const path = join(conflictsDir(dataDir), name);
      if (!kept.has(path) && (await settled(path))) {
        await rm(path, { force: true });
        result.removedTemporary++;
      }
    }
  }
  result.reindexed = records.length;
  if (result.reindexed || result.removedTemporary) logger.info(result, 'quarantine recovered after an unclean stop');
  return result;
}
