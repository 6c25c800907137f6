// `fiona deid` on the command line (the work is in deid.ts, loaded when the command runs, so `fiona --help`
// does not load the de-identification engine).
import type { Command } from 'commander';

export function registerDeid(program: Command): void {
  program
    .command('deid')
    .description('de-identify DICOM files (a file or a folder, recursively) into an output folder')
    .requiredOption('--project <name>', 'project name')
    .requiredOption('--participant <id>', 'participant pseudonym')
    .requiredOption('--event <name>', 'event name')
    .option('--key-file <file>', 'secret key file (default: deid.keyFile, FIONA_DEID_KEY_FILE or <dataDir>/secret.key)')
    .option('--date-offset <days>', 'date offset in days (default: derived from the key, project and participant)', (v) => Number(v))
    .option('--validate', 'check every output with dciodvfy (dicom3tools) against its source; new errors make the exit code 1')
    .option('--option <name[=value]>', 'a project de-identification option, repeatable, as in a project\'s deidOptions: e.g. preserveWeekday, fionaCompat=false, accessionNumber=hmac, retainSafePrivate, safePrivateAllowList=0029,SIEMENS CSA HEADER,10, sponsorName=…', (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--participant-pattern <regex>', 'the project\'s participant-ID pattern; the participant must match it in full')
    .option('--no-pixels', 'skip the pixel stage (burned-in text is not screened or removed)')
    .option('--report <file>', 'write the per-tag inventory of the output (tag paths, VR, counts, distinct values, samples, flags) and the refusals as JSON')
    .argument('<input>', 'input file or folder')
    .argument('<output>', 'output folder')
    .action(async (input: string, output: string, opts: { project: string; participant: string; event: string; keyFile?: string; dateOffset?: number; option: string[]; participantPattern?: string; validate?: boolean; pixels: boolean; report?: string }, command: Command) => {
      const { dciodvfyAvailable } = await import('../dicom/dciodvfy.js');
      const { DCIODVFY_MISSING, validateOutputs } = await import('./deid-validate.js');
      const { runDeid, reportOf } = await import('./deid.js');
      const { writeFileSync } = await import('node:fs');
      const { configFrom } = await import('./context.js');
      if (opts.validate && !dciodvfyAvailable()) throw new Error(DCIODVFY_MISSING);
      const summary = await runDeid({ ...opts, noPixels: opts.pixels === false, options: opts.option, input, output }, configFrom(command));
      for (const { file, reason } of summary.refused) console.log(`refused ${file}: ${reason}`);
      for (const { file, reason } of summary.review) console.log(`pixel review needed, not written: ${file}: ${reason}`);
      console.log(
        `de-identified ${summary.deidentified} (pixels cleaned in ${summary.pixelsCleaned}, at risk ${summary.atRisk}), refused ${summary.refused.length}, ` +
          `held for pixel review ${summary.review.length}, dropped ${summary.dropped}, not DICOM ${summary.skipped.length}`,
      );
      if (summary.refused.length > 0 || summary.review.length > 0) process.exitCode = 1;
      if (opts.report) {
        writeFileSync(opts.report, `${JSON.stringify(reportOf({ input }, summary), null, 2)}\n`);
        console.log(`report: ${summary.inventory.size} tag paths in ${summary.inventory.instances} instances written to ${opts.report}`);
      }
      if (!opts.validate) return;
      const checked = await validateOutputs(summary.written);
      for (const { file, errors } of checked.invalid) console.log(`invalid ${file}: ${errors.join(' | ')}`);
      for (const { file, reason } of checked.unchecked) console.log(`not validated ${file}: ${reason}`);
      console.log(
        `dciodvfy: ${checked.compared - checked.invalid.length} of ${checked.compared} outputs as valid as their sources, ` +
          `${checked.invalid.length} with new errors, ${checked.unchecked.length} not checkable; new warnings ${checked.newWarnings}`,
      );
      if (checked.invalid.length > 0) process.exitCode = 1;
    });
}
