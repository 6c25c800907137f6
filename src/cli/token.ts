// fiona token create|list|revoke: API tokens. `create` prints the token alone on stdout, for scripts:
//   TOKEN=$(fiona token create alice)
import type { Command } from 'commander';
import type { ApiToken } from '../platform/auth/tokens.js';
import { cliActor } from './access.js';
import { withServices } from './lazy.js';

function line(t: ApiToken & { username?: string }): string {
  return [t.id, t.username ?? '', t.name, `${t.prefix}…`, `created ${t.createdAt}`, `last used ${t.lastUsedAt ?? 'never'}`, t.revokedAt ? `REVOKED ${t.revokedAt}` : 'active'].filter(Boolean).join('  ');
}

export function registerToken(program: Command): void {
  const token = program.command('token').description('manage API tokens');

  token
    .command('create <user>')
    .description('create an API token for a user and print it (only this once) on stdout')
    .option('--name <label>', 'what the token is for', 'cli')
    .option('--expires-in-days <days>', 'the token stops working after this many days (default: never)')
    .option('--may-create-tokens', 'requests made with this token may create further tokens (no longer-lived than it)')
    .action(async (user: string, opts: { name: string; expiresInDays?: string; mayCreateTokens?: boolean }, command: Command) => {
      const days = opts.expiresInDays === undefined ? undefined : Number(opts.expiresInDays);
      if (days !== undefined && !(Number.isInteger(days) && days >= 1 && days <= 3650)) throw new Error('--expires-in-days: a whole number of days, 1-3650');
      const created = await withServices(command, (s) => s.auth.createToken(user, opts.name, cliActor(), { expiresInDays: days, mayCreateTokens: opts.mayCreateTokens }));
      process.stdout.write(`${created.secret}\n`);
    });

  token
    .command('list [user]')
    .description('list API tokens (of one user, or of everyone)')
    .option('--json', 'print a JSON array')
    .action(async (user: string | undefined, opts: { json?: boolean }, command: Command) => {
      const tokens = await withServices(command, async (s) => {
        const users = user ? [await s.auth.getUser(user)] : await s.auth.listUsers();
        const all: Array<ApiToken & { username: string }> = [];
        for (const u of users) for (const t of await s.auth.listTokens(u.username)) all.push({ ...t, username: u.username });
        return all;
      });
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(tokens, null, 2)}\n`);
        return;
      }
      if (tokens.length === 0) console.error('no tokens');
      for (const t of tokens) console.log(line(t));
    });

  token
    .command('revoke <id>')
    .description('revoke an API token by its ID (see token list)')
    .action(async (id: string, _opts, command: Command) => {
      await withServices(command, (s) => s.auth.revokeToken(id, null, cliActor()));
      console.error(`revoked token ${id}`);
    });
}
