// Every node of one database must run the same schema. A node whose code knows fewer migrations than the
// database has applied (another node was upgraded and migrated it) would write rows in an old shape, so it
// refuses to start and, when it happens while it runs, stops — both with a message saying what to do.
// Kysely's own refusal ("corrupted migrations") names no cause a person could act on.
import { sql, type Kysely } from 'kysely';
import { migrationProvider } from './migrations/index.js';

export class SchemaVersionError extends Error {}

/** The migrations this code knows, in order. */
export async function knownMigrations(): Promise<string[]> {
  return Object.keys(await migrationProvider.getMigrations()).sort();
}

/** The migrations the database has applied (none for a new database). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema: only kysely_migration is read
export async function appliedMigrations(db: Kysely<any>): Promise<string[]> {
  try {
    const result = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
    return result.rows.map((r) => r.name);
  } catch {
    return []; // no migration table yet
  }
}

/** Throws SchemaVersionError when the database has migrations this code does not know. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
export async function checkSchemaVersion(db: Kysely<any>): Promise<void> {
  const known = new Set(await knownMigrations());
  const unknown = (await appliedMigrations(db)).filter((name) => !known.has(name));
  if (unknown.length === 0) return;
  const ours = [...known].sort().at(-1) ?? 'none';
  throw new SchemaVersionError(
    `the database is at a newer schema (${unknown.sort().at(-1)}) than this Fiona knows (${ours}): another node runs a newer version and migrated it. ` +
      `Upgrade this node to the same version as the others; nodes on different schema versions cannot share a database.`,
  );
}
