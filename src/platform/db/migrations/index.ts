// Migrations in code, applied in name order at start (and by `fiona migrate`). Add new ones at the end;
// never edit one that has shipped. Names are timestamps so their order is their history.
import type { Migration, MigrationProvider } from 'kysely';
import * as quarantine from './2026-11-27T2200-quarantine.js';
import * as access from './2026-11-28T0900-access.js';
import * as routing from './2026-11-29T1200-routing.js';
import * as studyRouting from './2026-12-02T1000-study-routing.js';
import * as receiveConflicts from './2026-12-03T1200-receive-conflicts.js';
import * as pixelReview from './2026-12-04T1200-pixel-review.js';
import * as tokenScopes from './2026-12-05T0900-token-scopes.js';
import * as tagInventory from './2026-12-05T1200-tag-inventory.js';
import * as exportsMigration from './2026-12-05T1200-exports.js';
import * as lifecycle from './2026-12-05T1200-lifecycle.js';
import * as deidRefusals from './2026-12-06T1010-deid-refusals.js';
import * as directorySignIn from './2026-12-06T1030-directory-sign-in.js';
import * as notifications from './2026-12-06T1020-notifications.js';
import * as exportDeliveries from './2026-12-06T1050-export-deliveries.js';
import * as assignList from './2026-12-06T1040-assign-list.js';
import * as studySearch from './2026-12-06T1045-study-search.js';
import * as birthYearExport from './2026-12-06T1055-birth-year-export.js';

const migrations: Record<string, Migration> = {
  '2026-11-27T2200-quarantine': quarantine,
  '2026-11-28T0900-access': access,
  '2026-11-29T1200-routing': routing,
  '2026-12-02T1000-study-routing': studyRouting,
  '2026-12-03T1200-receive-conflicts': receiveConflicts,
  '2026-12-04T1200-pixel-review': pixelReview,
  '2026-12-05T0900-token-scopes': tokenScopes,
  '2026-12-05T1200-tag-inventory': tagInventory,
  '2026-12-05T1200-exports': exportsMigration,
  '2026-12-05T1200-lifecycle': lifecycle,
  '2026-12-06T1010-deid-refusals': deidRefusals,
  '2026-12-06T1030-directory-sign-in': directorySignIn,
  '2026-12-06T1020-notifications': notifications,
  '2026-12-06T1050-export-deliveries': exportDeliveries,
  '2026-12-06T1040-assign-list': assignList,
  '2026-12-06T1045-study-search': studySearch,
  '2026-12-06T1055-birth-year-export': birthYearExport,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
