import type { Command } from 'commander';
import { listStudies } from '../pipeline/quarantine/repository.js';
import { configFrom, withDatabase } from './context.js';

export function registerStudies(program: Command): void {
  program
    .command('studies')
    .description('list the studies in the quarantine, newest first')
    .option('--json', 'print a JSON array')
    .option('-s, --search <text>', 'accession number, description, station, institution or modality')
    .option('-n, --limit <count>', 'at most this many', '1000')
    .action(async (opts: { json?: boolean; search?: string; limit: string }, command: Command) => {
      const config = configFrom(command);
      const studies = await withDatabase(config, (db) => listStudies(db, { search: opts.search, limit: Number(opts.limit) }));
      // The command line is an operator's tool on the server itself, but identity still stays out of it.
      const shown = studies.map(({ patientId: _id, patientName: _name, patientBirthDate: _birth, patientSex: _sex, ...study }) => study);
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
          [s.receivedAt.slice(0, 19).replace('T', ' '), s.accessionNumber ?? '-', s.studyDate ?? '-', s.modalities.join('/') || '-', `${s.seriesCount} series`, `${s.instanceCount} images`, s.studyDescription ?? '', s.studyInstanceUid].join('  '),
        );
      }
    });
}
