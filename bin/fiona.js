#!/usr/bin/env node
// The fiona command. Runs the TypeScript sources directly through tsx, so `npx fiona` works right after `npm ci`.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
