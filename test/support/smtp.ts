// A real SMTP server for notification tests: Debian's python3-aiosmtpd (a separate process, as a site's
// mail relay is), with its Mailbox handler writing every message it accepts into a Maildir the test reads.
// Stopping it and starting it again on the same port is how a test shows "SMTP down, then back".
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { findFreePort } from './dcmtk.js';

export interface ReceivedMail {
  to: string;
  subject: string;
  /** The decoded text body. */
  body: string;
  /** The whole message as received (headers and encoded body). */
  raw: string;
}

export interface RunningSmtp {
  port: number;
  stop(): Promise<void>;
  start(): Promise<void>;
  messages(): ReceivedMail[];
}


/**
 * Whether an SMTP server greets on the port. A peer that accepts and says nothing (another test's listener on
 * a port taken meanwhile) or closes counts as no answer after a second, instead of a wait without end.
 */
function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const done = (greeted: boolean) => {
      socket.destroy();
      resolve(greeted);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('data', () => done(true));
    socket.once('error', () => done(false));
    socket.once('close', () => done(false));
  });
}

function decode(raw: string): ReceivedMail {
  const split = raw.indexOf('\n\n');
  const head = raw.slice(0, split).replace(/\n[ \t]+/g, ' ');
  let body = raw.slice(split + 2);
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1]?.trim() ?? '';
  const encoding = header('Content-Transfer-Encoding').toLowerCase();
  if (encoding === 'quoted-printable') body = Buffer.from(body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
  else if (encoding === 'base64') body = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  const subject = header('Subject').replace(/=\?utf-8\?Q\?(.*?)\?=/gi, (_, q: string) => q.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/g, (__, h: string) => String.fromCharCode(parseInt(h, 16))));
  return { to: header('To'), subject, body: body.replace(/\r\n/g, '\n'), raw };
}

export async function startSmtp(dir: string): Promise<RunningSmtp> {
  const port = await findFreePort();
  // A Maildir: the handler writes into tmp/ and moves the whole message into new/.
  for (const sub of ['tmp', 'new', 'cur']) mkdirSync(join(dir, sub), { recursive: true });
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn('/usr/bin/python3', ['-m', 'aiosmtpd', '-n', '-l', `127.0.0.1:${port}`, '-c', 'aiosmtpd.handlers.Mailbox', dir], { stdio: 'ignore' });
    const deadline = Date.now() + 15_000;
    while (!(await answers(port))) {
      if (child.exitCode !== null) throw new Error(`aiosmtpd exited (${child.exitCode}); is port ${port} taken?`);
      if (Date.now() > deadline) throw new Error('aiosmtpd did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  await start();
  return {
    port,
    start,
    async stop() {
      const running = child;
      child = undefined;
      if (!running || running.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        running.once('exit', () => resolve());
        running.kill('SIGTERM');
      });
    },
    messages() {
      const folder = join(dir, 'new');
      let names: string[] = [];
      try {
        names = readdirSync(folder).sort();
      } catch {
        return [];
      }
      return names.map((n) => decode(readFileSync(join(folder, n), 'utf8')));
    },
  };
}
