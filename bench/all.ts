// npm run bench — every benchmark in turn, each in its own process so one's memory does not colour the next.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const benches = ['receive', 'deid', 'forward', 'pixels', 'inventory', 'export', 'scale', 'workers'].filter((name) => existsSync(`bench/${name}.ts`));
let failed = 0;
for (const name of benches) {
  console.log(`\n=== bench:${name}`);
  const run = spawnSync(process.execPath, ['bin/run-ts.js', `bench/${name}.ts`], { stdio: 'inherit', env: { ...process.env, TCP_NODELAY: '1' } });
  if (run.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
