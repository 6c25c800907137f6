// The database schema as Kysely types: one interface per area, joined here. Each area's tables are
// declared beside the repository that uses them.
import type { QuarantineTables } from '../../pipeline/quarantine/tables.js';

export type Database = QuarantineTables;
