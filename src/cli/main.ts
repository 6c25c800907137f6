// The fiona command line: one file per command, registered here. A command's work is loaded when it runs
// (dynamic imports in its action), so the command table and `--help` load nothing but commander.
import { Command } from 'commander';
import { registerMigrate } from './migrate.js';
import { registerServe } from './serve.js';
import { registerStudies } from './studies.js';
import { registerDoctor } from './doctor.js';
import { registerUser } from './user.js';
import { registerToken } from './token.js';
import { registerProject } from './project.js';
import { registerDeid } from './deid-command.js';
import { registerExport } from './export.js';

const program = new Command('fiona')
  .description('Fiona research imaging gateway')
  .option('-c, --config <file>', 'configuration file (JSON); FIONA_* environment variables override it');

registerMigrate(program);
registerServe(program);
registerStudies(program);
registerDoctor(program);
registerUser(program);
registerToken(program);
registerProject(program);
registerDeid(program);
registerExport(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  console.error(`fiona: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
