// The web client's API types, generated from the app's own OpenAPI document (GET /api/openapi.json, built
// from the route declarations): the client is type-checked against what the server declares, so a
// renamed field or route breaks `npm test` instead of a page. scripts/gen-api-types.ts writes the file;
// test/api-types.test.ts checks that the committed one is current.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { composeWebApp } from '../src/composition.js';
import { loadConfig } from '../src/platform/config.js';
import { openDatabase } from '../src/platform/db/database.js';
import { silentLogger } from '../src/platform/logger.js';

export const API_TYPES_FILE = 'src/web/client/api/schema.generated.ts';

/** The OpenAPI document as the app serves it: the composition root on an empty in-memory database, nothing started, no port. */
export async function currentOpenApiDocument(): Promise<Record<string, unknown>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'fiona-openapi-'));
  const db = await openDatabase('sqlite::memory:');
  try {
    const { app } = await composeWebApp({ db, logger: silentLogger, config: loadConfig({ env: { FIONA_DATA_DIR: dataDir } }) }, { firstAdmin: false, dateOffsetDays: () => 0 });
    try {
      const res = await app.inject({ method: 'GET', url: '/api/openapi.json' });
      if (res.statusCode !== 200) throw new Error(`GET /api/openapi.json answered ${res.statusCode}`);
      return res.json() as Record<string, unknown>;
    } finally {
      await app.close();
    }
  } finally {
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function renderApiTypes(document: Record<string, unknown>): Promise<string> {
  const body = astToString(await openapiTS(document as unknown as Parameters<typeof openapiTS>[0]));
  return `// Generated from GET /api/openapi.json by scripts/gen-api-types.ts (npm run gen:api-types). Do not edit.\n${body}`;
}
