import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import type { Role } from '../../community/accounts.models.js';
import { createAccountAsOperator } from '../../community/admin-accounts.usecases.js';
import { CliExit, withServices } from '../bootstrap.js';

interface CreateOptions {
  email: string;
  admin?: boolean;
  moderator?: boolean;
  passwordStdin?: boolean;
}

async function readStdinLine(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

export function registerUserCommand(program: Command) {
  const user = program.command('user').description('manage accounts (the first admin is created here)');

  user
    .command('create')
    .argument('<username>', '3–30 letters, digits, - or _')
    .requiredOption('--email <address>', 'e-mail address (counted as verified)')
    .option('--admin', 'make the account an administrator (moderates and sets roles)')
    .option('--moderator', 'make the account a moderator')
    .option('--password-stdin', 'read the password from the first line of standard input instead of generating one')
    .description('create an account; without --password-stdin a random password is generated and printed once')
    .action(async (username: string, opts: CreateOptions) => {
      if (opts.admin && opts.moderator) throw new CliExit(2, 'error: choose one of --admin and --moderator');
      const role: Role = opts.admin ? 'admin' : opts.moderator ? 'moderator' : 'user';
      const generated = opts.passwordStdin ? null : randomBytes(15).toString('base64url');
      const password = generated ?? (await readStdinLine());
      await withServices(program.opts(), async ({ store }) => {
        await createAccountAsOperator({ store, username, email: opts.email, password, role });
      });
      process.stdout.write(`created ${role} ${username}\n`);
      if (generated)
        process.stdout.write(
          `password: ${generated}\n(shown once; change it with "Forgot your password?" on the sign-in page)\n`,
        );
    });

  user
    .command('role')
    .argument('<username>')
    .argument('<role>', 'user, moderator or admin')
    .description("change an account's role (recorded in the audit log)")
    .action(async (username: string, role: string) => {
      if (!['user', 'moderator', 'admin'].includes(role))
        throw new CliExit(2, 'error: role must be user, moderator or admin');
      await withServices(program.opts(), async ({ store }) => {
        const found = await store.users.findByUsername(username);
        if (!found) throw new CliExit(1, `error: there is no user "${username}"`);
        await store.moderation.setUserRole({
          userId: found.id,
          role: role as Role,
          actorId: null,
          reason: 'command line',
          now: new Date().toISOString(),
        });
      });
      process.stdout.write(`${username} is now ${role}\n`);
    });
}
