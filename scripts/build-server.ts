// npm run build:server — compiles the fiona command into dist/server (see src/server-build.ts).
import { buildServer } from './server-build.js';

const { outdir, ms } = await buildServer();
console.log(`server built into ${outdir} in ${ms} ms`);
