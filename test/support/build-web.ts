// Vitest global setup: build the web client once per run, so every test serves the bundle that
// `npm run build:web` makes (the same function), never a stale one.
import { buildWebClient } from '../../src/web/client-build.js';

export default async function setup(): Promise<void> {
  await buildWebClient();
}
