// npm run build:web — bundles the web client into dist/web (see src/web/client-build.ts).
// npm run dev:web — the same, rebuilt on every change.
import { buildWebClient, watchWebClient } from '../src/web/client-build.js';

if (process.argv.includes('--watch')) await watchWebClient();
else {
  const { outdir, ms } = await buildWebClient();
  console.log(`web client built into ${outdir} in ${ms} ms`);
}
