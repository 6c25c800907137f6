// An independent count of top-level tags with DCMTK's dcmdump, to check the tag inventory against: for each
// public top-level tag of a set of files, its VR and how many files carry it (file meta left out).
import { spawnSync } from 'node:child_process';

export interface DumpedTag {
  vr: string;
  files: number;
}

export function dcmdumpTopLevel(files: string[]): Map<string, DumpedTag> {
  const tags = new Map<string, DumpedTag>();
  for (const file of files) {
    const dump = spawnSync('dcmdump', ['-q', '+L', file], { encoding: 'utf8', maxBuffer: 64 << 20 });
    if (dump.status !== 0) throw new Error(`dcmdump ${file}: ${dump.stderr}`);
    const seen = new Set<string>();
    for (const line of dump.stdout.split('\n')) {
      const m = /^\(([0-9a-f]{4}),([0-9a-f]{4})\) ([A-Z]{2})/.exec(line); // top level: no indentation
      if (!m || m[1] === '0002' || parseInt(m[1], 16) & 1) continue;
      const tag = `(${m[1]},${m[2]})`.toUpperCase();
      if (seen.has(tag)) continue;
      seen.add(tag);
      const entry = tags.get(tag) ?? { vr: m[3], files: 0 };
      entry.files++;
      tags.set(tag, entry);
    }
  }
  return tags;
}
