// fiona user add|list|disable|enable|password: local accounts, for the operator on the server.
import type { Command } from 'commander';
import { randomPassword } from '../platform/auth/password.js';
import { cliActor, readFirstLine } from './access.js';
import { withServices } from './lazy.js';

export function registerUser(program: Command): void {
  const user = program.command('user').description('manage user accounts');

  user
    .command('add <name>')
    .description('create a user; without --password-stdin a random password is printed once on stdout')
    .option('--admin', 'make the user a site admin')
    .option('--password-stdin', 'read the password from the first line of standard input')
    .option('--display-name <text>', 'the name shown in the web app')
    .action(async (name: string, opts: { admin?: boolean; passwordStdin?: boolean; displayName?: string }, command: Command) => {
      const password = opts.passwordStdin ? await readFirstLine() : undefined;
      const created = await withServices(command, (s) => s.auth.createUser({ username: name, password, isAdmin: opts.admin ?? false, displayName: opts.displayName }, cliActor()));
      console.error(`created user "${created.user.username}"${created.user.isAdmin ? ' (site admin)' : ''}`);
      if (created.generatedPassword) process.stdout.write(`${created.generatedPassword}\n`);
    });

  user
    .command('list')
    .description('list the user accounts')
    .option('--json', 'print a JSON array')
    .action(async (opts: { json?: boolean }, command: Command) => {
      const users = await withServices(command, (s) => s.auth.listUsers());
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(users.map(({ id, username, displayName, isAdmin, disabled, lastSignInAt, createdAt }) => ({ id, username, displayName, isAdmin, disabled, lastSignInAt, createdAt })), null, 2)}\n`);
        return;
      }
      for (const u of users) {
        console.log([u.username, u.isAdmin ? 'admin' : 'user', u.disabled ? 'disabled' : 'active', `last sign-in ${u.lastSignInAt ?? 'never'}`].join('  '));
      }
    });

  for (const [verb, disabled] of [['disable', true], ['enable', false]] as const) {
    user
      .command(`${verb} <name>`)
      .description(disabled ? 'disable a user: their sessions end and their API tokens stop working' : 'enable a disabled user again')
      .action(async (name: string, _opts, command: Command) => {
        await withServices(command, (s) => s.auth.updateUser(name, { disabled }, cliActor()));
        console.error(`${verb}d user "${name}"`);
      });
  }

  user
    .command('password <name>')
    .description('set a new password (ends the user\'s sessions); without --password-stdin a random one is printed on stdout')
    .option('--password-stdin', 'read the password from the first line of standard input')
    .action(async (name: string, opts: { passwordStdin?: boolean }, command: Command) => {
      const password = opts.passwordStdin ? await readFirstLine() : randomPassword(20, name);
      await withServices(command, (s) => s.auth.updateUser(name, { password }, cliActor()));
      console.error(`set a new password for "${name}"`);
      if (!opts.passwordStdin) process.stdout.write(`${password}\n`);
    });
}
