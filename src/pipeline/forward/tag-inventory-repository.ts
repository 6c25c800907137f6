// Storage of the tag inventory per project. Incremental: a batch of forwarded instances adds to counters in
// place (one upsert for all its paths), its values go into a capped per-path value set, and nothing is ever
// rescanned. Safe for several workers at once: counts are added by the database, values are set members.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { DISTINCT_CAP, SAMPLE_COUNT, flagBit, flagNames, type InventoryEntry, type InventoryRow, type TagFlag } from '../deid/inventory.js';

export interface StoredInventoryRow extends InventoryRow {
  firstSeenAt: string;
  /** A path the project never released before, not yet acknowledged by a data manager. */
  isNew: boolean;
}

export interface InventoryQuery {
  flag?: TagFlag;
  /** Only paths containing this text (path or name), case-insensitive. */
  search?: string;
  sort?: 'instances' | 'path' | 'distinct';
  limit?: number;
  offset?: number;
}

export interface TagInventoryRepository {
  /** Adds a batch's entries; returns the paths this project had never released before. */
  record(project: string, entries: Iterable<InventoryEntry>, now: Date): Promise<string[]>;
  list(project: string, query?: InventoryQuery): Promise<{ total: number; newPaths: number; rows: StoredInventoryRow[] }>;
  acknowledge(project: string): Promise<number>;
}

const CHUNK = 400;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function tagInventoryRepository(db: Db): TagInventoryRepository {
  const k = db.kysely;
  return {
    async record(project, iterable, now) {
      const entries = [...iterable];
      if (entries.length === 0) return [];
      const at = now.toISOString();
      return k.transaction().execute(async (tx) => {
        const existing = new Map<string, { distinct: number; samples: number }>();
        for (const part of chunks(entries)) {
          const rows = await tx.selectFrom('tag_inventory').select(['path', 'distinct_values', 'samples']).where('project_name', '=', project).where('path', 'in', part.map((e) => e.path)).execute();
          for (const r of rows) existing.set(r.path, { distinct: Number(r.distinct_values), samples: (JSON.parse(r.samples) as string[]).length });
        }
        const added = entries.filter((e) => !existing.has(e.path)).map((e) => e.path);
        for (const part of chunks(entries)) {
          await tx
            .insertInto('tag_inventory')
            .values(part.map((e) => ({ project_name: project, path: e.path, name: e.name, vr: e.vr, instances: e.instances, samples: '[]', flags: e.flags, first_seen_at: at })))
            .onConflict((oc) =>
              oc.columns(['project_name', 'path']).doUpdateSet({
                instances: sql<number>`tag_inventory.instances + excluded.instances`,
                flags: sql<number>`tag_inventory.flags | excluded.flags`,
              }),
            )
            .execute();
        }
        // Values only for paths still under the cap; the cap bounds the table whatever arrives.
        const open = entries.filter((e) => e.values.size > 0 && (existing.get(e.path)?.distinct ?? 0) < DISTINCT_CAP);
        const pairs = open.flatMap((e) => [...e.values].slice(0, DISTINCT_CAP - (existing.get(e.path)?.distinct ?? 0)).map((value) => ({ project_name: project, path: e.path, value })));
        for (const part of chunks(pairs)) {
          await tx.insertInto('tag_inventory_values').values(part).onConflict((oc) => oc.columns(['project_name', 'path', 'value']).doNothing()).execute();
        }
        for (const part of chunks(open.map((e) => e.path))) {
          const counts = await tx.selectFrom('tag_inventory_values').select(['path', (eb) => eb.fn.countAll<number>().as('n')]).where('project_name', '=', project).where('path', 'in', part).groupBy('path').execute();
          for (const c of counts) {
            const before = existing.get(c.path);
            const n = Math.min(Number(c.n), DISTINCT_CAP);
            if (before && before.distinct === n && before.samples >= Math.min(n, SAMPLE_COUNT)) continue;
            const samples = await tx.selectFrom('tag_inventory_values').select('value').where('project_name', '=', project).where('path', '=', c.path).orderBy('value').limit(SAMPLE_COUNT).execute();
            await tx.updateTable('tag_inventory').set({ distinct_values: n, samples: JSON.stringify(samples.map((s) => s.value)) }).where('project_name', '=', project).where('path', '=', c.path).execute();
          }
        }
        return added;
      });
    },

    async list(project, query = {}) {
      let q = k.selectFrom('tag_inventory').where('project_name', '=', project);
      if (query.flag) q = q.where(sql<boolean>`(flags & ${flagBit(query.flag)}) <> 0`);
      if (query.search) {
        const like = `%${query.search.toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
        q = q.where((eb) => eb.or([eb(eb.fn('lower', ['path']), 'like', like), eb(eb.fn('lower', ['name']), 'like', like)]));
      }
      const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);
      const newPaths = Number((await k.selectFrom('tag_inventory').select((eb) => eb.fn.countAll<number>().as('n')).where('project_name', '=', project).where('acknowledged', '=', 0).executeTakeFirst())?.n ?? 0);
      let ordered = q.selectAll();
      if (query.sort === 'path') ordered = ordered.orderBy('path');
      else if (query.sort === 'distinct') ordered = ordered.orderBy('distinct_values', 'desc').orderBy('path');
      else ordered = ordered.orderBy('instances', 'desc').orderBy('path');
      const rows = await ordered.limit(query.limit ?? 1000).offset(query.offset ?? 0).execute();
      return {
        total,
        newPaths,
        rows: rows.map((r) => ({
          path: r.path,
          name: r.name,
          vr: r.vr,
          instances: Number(r.instances),
          distinctValues: Number(r.distinct_values),
          distinctCapped: Number(r.distinct_values) >= DISTINCT_CAP,
          samples: JSON.parse(r.samples) as string[],
          flags: flagNames(Number(r.flags)),
          firstSeenAt: r.first_seen_at,
          isNew: Number(r.acknowledged) === 0,
        })),
      };
    },

    async acknowledge(project) {
      const result = await k.updateTable('tag_inventory').set({ acknowledged: 1 }).where('project_name', '=', project).where('acknowledged', '=', 0).executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
  };
}
