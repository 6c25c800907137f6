// fiona export: a project's data from its research PACS into a zip on this machine, in the project's
// layout (its saved one unless --layout is given), run in this process rather than queued, and with
// --outbox delivered to a configured SFTP outbox (verified there). Audited.
import type { Command } from 'commander';
import { resolve } from 'node:path';
import type { ExportFormat } from '../pipeline/export/plan.js';
import { withServices } from './lazy.js';

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerExport(program: Command): void {
  program
    .command('export')
    .description("export a project's data from its research PACS as a zip (DICOM, NIfTI or both) in the project's layout")
    .requiredOption('-p, --project <name>', 'the project')
    .option('--participant <id>', 'only this participant (repeat for more)', collect, [])
    .option('--event <name>', 'only this event (repeat for more)', collect, [])
    .option('--modality <m>', 'only this modality (repeat for more)', collect, [])
    .option('--format <format>', 'zip (DICOM), nifti or both', 'zip')
    .option('--layout <template>', "the layout template (default: the project's saved layout, else the standard one)")
    .requiredOption('-o, --out <file>', 'where the zip goes')
    .option('--outbox <name>', 'also deliver the zip to this configured SFTP outbox (checked there by SHA-256)')
    .action(async (opts: { project: string; participant: string[]; event: string[]; modality: string[]; format: string; layout?: string; out: string; outbox?: string }, command: Command) => {
      const out = resolve(opts.out);
      // Loaded when the command runs, so `fiona --help` reads only the command table.
      const { DEFAULT_LAYOUT } = await import('../pipeline/export/layout.js');
      const { EXPORT_FORMATS } = await import('../pipeline/export/plan.js');
      if (!(EXPORT_FORMATS as readonly string[]).includes(opts.format)) throw new Error(`--format: one of ${EXPORT_FORMATS.join(', ')}`);
      const outcome = await withServices(command, async (s) => {
        const saved = (await s.exports.layouts(opts.project))[0];
        const spec = {
          format: opts.format as ExportFormat,
          layout: opts.layout ?? saved?.template ?? DEFAULT_LAYOUT,
          filter: { ...(opts.participant.length ? { participants: opts.participant } : {}), ...(opts.event.length ? { events: opts.event } : {}), ...(opts.modality.length ? { modalities: opts.modality } : {}) },
          transforms: opts.layout ? {} : (saved?.transforms ?? {}),
          ...(opts.outbox ? { outbox: opts.outbox } : {}),
        };
        let last = -1;
        return s.exports.runNow(opts.project, spec, out, { userId: null, username: null, via: 'cli' }, (p) => {
          const pct = Math.floor((p.instancesDone / Math.max(1, p.instancesTotal)) * 100);
          if (pct !== last && process.stderr.isTTY) process.stderr.write(`\r${p.instancesDone}/${p.instancesTotal} instances`);
          last = pct;
        });
      });
      if (process.stderr.isTTY) process.stderr.write('\n');
      console.log(`${out}: ${outcome.files} files, ${outcome.bytes} bytes, sha256 ${outcome.sha256}${outcome.unconverted.length ? `; ${outcome.unconverted.length} series kept as DICOM (see manifest.json)` : ''}`);
      if (outcome.delivered) console.log(`delivered to ${opts.outbox}: ${outcome.delivered.remotePath} (sha256 verified on the server)`);
    });
}
