// The layering of src/ as docs/ARCHITECTURE.md draws it, checked on the import graph (every import,
// type-only ones included): no import cycles, and each area imports only the areas below it. Only the
// composition root (src/composition.ts) and `fiona serve` (src/service.ts) wire areas together.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './support/fiona.js';

const SRC = join(REPO_ROOT, 'src');

/** Which areas each area may import (besides itself). */
const ALLOWED: Record<string, string[]> = {
  platform: [],
  dicom: ['platform'],
  dimse: ['dicom', 'platform'],
  projects: ['platform'],
  // E-mail notifications: hears of events through the audit log, reads projects and memberships.
  notifications: ['projects', 'platform'],
  'pipeline/quarantine': ['dicom', 'platform'],
  'pipeline/receive': ['pipeline/quarantine', 'dimse', 'dicom', 'platform'],
  'pipeline/events.ts': ['pipeline/quarantine'],
  'pipeline/routing': ['pipeline/quarantine', 'projects', 'platform'],
  'pipeline/deid': ['projects', 'dicom', 'platform'],
  'pipeline/forward': ['pipeline/deid', 'pipeline/routing', 'pipeline/quarantine', 'projects', 'dimse', 'dicom', 'platform'],
  'pipeline/export': ['pipeline/forward', 'pipeline/routing', 'projects', 'dimse', 'dicom', 'platform'],
  'pipeline/retention': ['pipeline/quarantine', 'platform'],
  // An anonymised copy chains the export's source, de-identification and forwarding.
  'pipeline/copy': ['pipeline/export', 'pipeline/forward', 'pipeline/deid', 'projects', 'platform'],
  web: ['notifications', 'pipeline/events.ts', 'pipeline/copy', 'pipeline/export', 'pipeline/forward', 'pipeline/routing', 'pipeline/quarantine', 'projects', 'platform'],
  // fiona deid runs the same preparation pool as forwarding (pipeline/forward/prepare-pool.ts).
  cli: ['composition.ts', 'service.ts', 'notifications', 'pipeline/export', 'pipeline/forward', 'pipeline/deid', 'pipeline/quarantine', 'projects', 'dicom', 'platform'],
  'composition.ts': ['web', 'notifications', 'pipeline/copy', 'pipeline/export', 'pipeline/retention', 'pipeline/forward', 'pipeline/deid', 'pipeline/routing', 'pipeline/receive', 'pipeline/quarantine', 'pipeline/events.ts', 'projects', 'dimse', 'platform'],
  'service.ts': ['composition.ts', 'dimse', 'platform'],
};

/** The one schema of the database gathers the table types each area declares for itself. */
const SCHEMA = 'platform/db/schema.ts';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'client' ? [] : sources(path); // the browser's own modules
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : [];
  });
}

function areaOf(file: string): string {
  const parts = relative(SRC, file).split('/');
  if (parts.length === 1) return parts[0];
  return parts[0] === 'pipeline' ? `pipeline/${parts[1]}` : parts[0];
}

const graph = new Map<string, string[]>();
for (const file of sources(SRC)) {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  graph.set(
    relative(SRC, file),
    importedFiles.filter((i) => i.fileName.startsWith('.')).map((i) => relative(SRC, resolve(dirname(file), i.fileName.replace(/\.js$/, '.ts')))),
  );
}

/** Strongly connected components with more than one file (Tarjan): each is an import cycle. */
function cycles(): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe('architecture', () => {
  it('reads the whole source tree', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get('composition.ts')).toContain('web/app.ts');
  });

  it('has no import cycles', () => {
    expect(cycles()).toEqual([]);
  });

  it('imports only downwards: each area only the areas below it', () => {
    const wrong: string[] = [];
    for (const [file, imports] of graph) {
      const from = areaOf(join(SRC, file));
      if (file === SCHEMA) continue;
      const allowed = ALLOWED[from];
      if (!allowed) {
        wrong.push(`${file}: area ${from} is not in the layering (add it to test/architecture.test.ts and docs/ARCHITECTURE.md)`);
        continue;
      }
      for (const target of imports) {
        const to = areaOf(join(SRC, target));
        if (to !== from && !allowed.includes(to)) wrong.push(`${file} -> ${target}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('would catch a cycle and an upward import', () => {
    graph.set('x/a.ts', ['x/b.ts']);
    graph.set('x/b.ts', ['x/a.ts']);
    try {
      expect(cycles()).toContainEqual(['x/a.ts', 'x/b.ts']);
    } finally {
      graph.delete('x/a.ts');
      graph.delete('x/b.ts');
    }
    expect(ALLOWED['projects']).not.toContain('pipeline/deid');
    expect(ALLOWED['pipeline/routing']).not.toContain('pipeline/forward');
  });
});
