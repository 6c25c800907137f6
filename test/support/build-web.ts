// Vitest global setup: build the web client and the server once per run, so every test serves the bundle
// and starts the compiled `fiona` command that `npm run build` makes (the same functions), never stale ones.
import { buildWebClient } from '../../src/web/client-build.js';
import { buildServer } from '../../scripts/server-build.js';

export default async function setup(): Promise<void> {
  await Promise.all([buildWebClient(), buildServer()]);
}
