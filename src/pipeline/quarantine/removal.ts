// Removing a whole study from the quarantine (retention): its folder is first moved aside into removing/
// (one rename, so the quarantine never shows half a study), then its index rows are deleted in one
// transaction — only if nothing arrived since the study was chosen — and then the files. If an instance of
// it was received meanwhile, its files are moved back and the study stays. A crash between the steps leaves
// a folder in removing/ that the next run puts back (rows still there) or deletes (rows gone). Once removed,
// the same study sent again is received as new.
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import type { Db } from '../../platform/db/database.js';
import { removingDir, studyDir } from './layout.js';

export interface RemovableStudy {
  studyInstanceUid: string;
  lastReceivedAt: string;
  sizeBytes: number;
  /** What the quarantine itself says keeps it: routing not done, an open conflicting copy. */
  hold: string | null;
}

export interface StudyRemoval {
  /** Every arrived study, oldest last instance first. */
  candidates(): Promise<RemovableStudy[]>;
  /** When the oldest study in the quarantine was received (null: empty). */
  oldestReceivedAt(): Promise<string | null>;
  /** Removes the study if its last instance is still the one seen; how many instances went. */
  remove(studyInstanceUid: string, lastReceivedAt: string): Promise<{ removed: boolean; instances: number }>;
  /** Finishes removals a crash interrupted. */
  sweep(): Promise<void>;
}

class StudyChanged extends Error {}

/** `settle` waits until instances received so far are indexed (the index batcher's drain). */
export function studyRemoval(db: Db, dataDir: string, settle: () => Promise<void> = async () => {}): StudyRemoval {
  const k = db.kysely;

  /** Moves back every file in `aside` that has an index row under `home` (received while it was aside). */
  async function putBack(aside: string, home: string): Promise<number> {
    const rows = await k.selectFrom('instances').select('path').where('path', 'like', `${home}/%`).execute();
    let moved = 0;
    for (const { path } of rows) {
      const from = join(aside, relative(home, path));
      if (existsSync(path) || !existsSync(from)) continue;
      await mkdir(dirname(path), { recursive: true });
      await rename(from, path);
      moved++;
    }
    return moved;
  }

  return {
    async candidates() {
      const rows = await k
        .selectFrom('studies')
        .select(['study_instance_uid', 'last_received_at', 'size_bytes', 'routing_status'])
        .select((eb) =>
          eb
            .exists(eb.selectFrom('instance_conflicts').select('id').where('status', '=', 'open').where((w) => w.or([w('instance_conflicts.study_instance_uid', '=', eb.ref('studies.study_instance_uid')), w('existing_study_instance_uid', '=', eb.ref('studies.study_instance_uid'))])))
            .as('conflict'),
        )
        .where('arrived_at', 'is not', null)
        .orderBy('last_received_at')
        .execute();
      return rows.map((r) => ({
        studyInstanceUid: r.study_instance_uid,
        lastReceivedAt: r.last_received_at,
        sizeBytes: Number(r.size_bytes),
        hold: r.routing_status && r.routing_status !== 'done' ? `routing ${r.routing_status}` : Number(r.conflict) === 1 ? 'open conflicting copy' : null,
      }));
    },

    async oldestReceivedAt() {
      const row = await k.selectFrom('studies').select((eb) => eb.fn.min('first_received_at').as('oldest')).executeTakeFirst();
      return (row?.oldest as string | null | undefined) ?? null;
    },

    async remove(uid, lastReceivedAt) {
      const home = studyDir(dataDir, uid);
      const aside = join(removingDir(dataDir), relative(dirname(home), home));
      await mkdir(removingDir(dataDir), { recursive: true });
      await rm(aside, { recursive: true, force: true });
      try {
        await rename(home, aside);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
      // Deleted only if nothing arrived since it was chosen (rolled back otherwise). Rows go child first, so
      // the count is the instances' own and not left to the foreign keys' cascade.
      let instances = -1;
      try {
        instances = await k
          .transaction()
          .execute(async (trx) => {
            const removed = await trx.deleteFrom('instances').where('study_instance_uid', '=', uid).executeTakeFirst();
            await trx.deleteFrom('series').where('study_instance_uid', '=', uid).execute();
            const gone = await trx.deleteFrom('studies').where('study_instance_uid', '=', uid).where('last_received_at', '=', lastReceivedAt).where('arrived_at', 'is not', null).executeTakeFirst();
            if (Number(gone.numDeletedRows) === 0) throw new StudyChanged();
            return Number(removed.numDeletedRows);
          })
          .catch((err: unknown) => {
            if (err instanceof StudyChanged) return -1;
            throw err;
          });
      } finally {
        // Instances received while the folder was aside (indexed before or after the delete) go back; so does
        // the whole study when the delete did not happen.
        await settle();
        await putBack(aside, home);
        await rm(aside, { recursive: true, force: true });
      }
      return instances < 0 ? { removed: false, instances: 0 } : { removed: true, instances };
    },

    async sweep() {
      let names: string[];
      try {
        names = await readdir(removingDir(dataDir));
      } catch {
        return;
      }
      for (const name of names) {
        const aside = join(removingDir(dataDir), name);
        await putBack(aside, join(dirname(studyDir(dataDir, '1')), name));
        await rm(aside, { recursive: true, force: true });
      }
    },
  };
}
