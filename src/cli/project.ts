// fiona project create|list|add-member|birth-year-export: projects from the command line, with the same rules as the API.
import type { Command } from 'commander';
import { RuleError } from '../platform/errors.js';
import type { ProjectStatus } from '../projects/rules.js';
import { cliActor } from './access.js';
import { withServices } from './lazy.js';

/** AET@host:port, e.g. RESEARCH@pacs.example.org:104 */
export function parseDestination(text: string): { aet: string; host: string; port: number } {
  const m = /^([^@]+)@(.+):(\d+)$/.exec(text.trim());
  if (!m) throw new RuleError('--destination: AET@host:port, e.g. RESEARCH@pacs.example.org:104', 'destination');
  return { aet: m[1], host: m[2], port: Number(m[3]) };
}

export function registerProject(program: Command): void {
  const project = program.command('project').description('manage projects');

  project
    .command('create')
    .description('create a project')
    .requiredOption('--name <name>', '5-20 letters, digits, "-", "_"')
    .requiredOption('--participant-pattern <regex>', 'regular expression every participant ID must match in full')
    .requiredOption('--events <names>', 'event names in order, comma-separated')
    .requiredOption('--destination <AET@host:port>', 'the research PACS to forward to')
    .option('--rek <number>', 'ethics approval (REK) number')
    .option('--start <YYYY-MM-DD>', 'REK approval start date')
    .option('--end <YYYY-MM-DD>', 'REK approval end date')
    .option('--pi <name>', 'principal investigator')
    .option('--description <text>', 'what the project is about')
    .option('--owner <user>', 'the first owner (a user name)')
    .option('--status <status>', 'development, active or archived', 'development')
    .action(async (opts: { name: string; participantPattern: string; events: string; destination: string; rek?: string; start?: string; end?: string; pi?: string; description?: string; owner?: string; status: string }, command: Command) => {
      const created = await withServices(command, (s) =>
        s.projects.create(
          {
            name: opts.name,
            participantPattern: opts.participantPattern,
            events: opts.events.split(',').map((e) => e.trim()).filter(Boolean),
            destination: parseDestination(opts.destination),
            rekNumber: opts.rek,
            startDate: opts.start,
            endDate: opts.end,
            principalInvestigator: opts.pi,
            description: opts.description,
            owner: opts.owner,
            status: opts.status as ProjectStatus,
          },
          cliActor(),
        ),
      );
      console.log(`created project ${created.name}`);
    });

  project
    .command('list')
    .description('list the projects')
    .option('--json', 'print a JSON array')
    .action(async (opts: { json?: boolean }, command: Command) => {
      const projects = await withServices(command, (s) => s.projects.listVisible({ userId: '', username: '', isAdmin: true }));
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(projects.map(({ role: _r, dataAccessGroup: _g, ...p }) => p), null, 2)}\n`);
        return;
      }
      if (projects.length === 0) console.error('no projects');
      for (const p of projects) {
        const d = p.destination;
        console.log([p.name, p.status, `REK ${p.rekNumber ?? '-'} ${p.startDate ?? '?'}..${p.endDate ?? '?'}`, `pattern ${p.participantPattern}`, `events ${p.events.join(',')}`, `-> ${d.aet}@${d.host}:${d.port}`].join('  '));
      }
    });

  project
    .command('birth-year-export <project>')
    .description('allow birth years in the project\'s exports (site admins; needs the approval\'s reference), or stop them with --off (forgets the kept years)')
    .option('--approval <reference>', 'the approval that allows it, e.g. "REK 2024/12345"')
    .option('--off', 'stop birth years in exports and forget every kept year of the project')
    .action(async (name: string, opts: { approval?: string; off?: boolean }, command: Command) => {
      if (!opts.off === !opts.approval) throw new RuleError('give --approval <reference> to allow, or --off to stop', 'approval');
      const updated = await withServices(command, (s) => s.projects.setBirthYearInExport(name, { enabled: !opts.off, approval: opts.approval }, cliActor()));
      console.error(updated.birthYearInExport ? `${name}: birth years in exports allowed (approval ${updated.birthYearInExport.approval})` : `${name}: birth years in exports stopped`);
    });

  project
    .command('add-member <project> <user> <role>')
    .description('give a user a role in a project: owner, data-manager, data-entry or viewer')
    .option('--group <name>', 'limit the member to this data access group')
    .action(async (name: string, user: string, role: string, opts: { group?: string }, command: Command) => {
      await withServices(command, (s) => s.projects.addMember(name, { username: user, role, dataAccessGroup: opts.group ?? null }, cliActor()));
      console.error(`${user} is now ${role} in ${name}`);
    });
}
