// fiona studies: the quarantine as the web app's Assign page lists it (study views: never the patient's
// identity), with where routing of each study stands.
import type { Command } from 'commander';
import type { StudyView } from '../pipeline/quarantine/repository.js';
import { withServices } from './lazy.js';

function routingText(s: StudyView): string {
  const r = s.routing;
  if (!r) return s.arrivedAt ? '' : 'receiving';
  if (r.status === 'failed') return `routing failed (attempt ${r.attempts}, next try ${r.nextTryAt ?? '-'}): ${r.error ?? ''}`;
  return r.status === 'done' ? 'routed' : `routing ${r.status}`;
}

export function registerStudies(program: Command): void {
  program
    .command('studies')
    .description('list the studies in the quarantine, newest first')
    .option('--json', 'print a JSON array')
    .option('-s, --search <text>', 'accession number, description, station, institution or modality')
    .option('-n, --limit <count>', 'at most this many', '1000')
    .action(async (opts: { json?: boolean; search?: string; limit: string }, command: Command) => {
      // The command line is an operator's tool on the server itself, but identity still stays out of it.
      const shown = await withServices(command, (s) => s.quarantine.listStudyViews({ search: opts.search, limit: Number(opts.limit) }));
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(shown, null, 2)}\n`);
        return;
      }
      if (shown.length === 0) {
        console.log('the quarantine is empty');
        return;
      }
      for (const s of shown) {
        console.log(
          [s.receivedAt.slice(0, 19).replace('T', ' '), s.accessionNumber ?? '-', s.studyDate ?? '-', s.modalities.join('/') || '-', `${s.seriesCount} series`, `${s.instanceCount} images`, s.studyDescription ?? '', s.studyInstanceUid, routingText(s)].filter(Boolean).join('  '),
        );
      }
    });
}
