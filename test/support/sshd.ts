// A real OpenSSH server (Debian's openssh-server) for the export outbox: started in the foreground
// (`sshd -D`) on a free port on 127.0.0.1 with a fresh host key, key authentication only, an authorized key
// made for the test, and the internal SFTP server. The test user is whoever runs the tests (root here, so
// PermitRootLogin prohibit-password: keys only).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from './dcmtk.js';

export interface RunningSshd {
  host: string;
  port: number;
  username: string;
  /** The client's private key (its public half is authorized). */
  clientKeyFile: string;
  /** A key the server does not know. */
  strangerKeyFile: string;
  /** The server's host key fingerprint, SHA256:… as ssh-keygen -lf prints it. */
  hostKeySha256: string;
  /** A folder the server's user may write (the outbox's remote folder). */
  remoteDir: string;
  stop(): Promise<void>;
}

function keygen(file: string, comment: string): void {
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', file], { stdio: 'ignore' });
}

function fingerprint(publicKeyFile: string): string {
  return execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', publicKeyFile]).toString().split(' ')[1];
}

async function listening(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`sshd exited (${child.exitCode}): ${output().slice(-2000)}`);
    const up = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => { s.destroy(); resolve(true); });
      s.once('error', () => resolve(false));
    });
    if (up) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`sshd did not listen on ${port}: ${output().slice(-2000)}`);
}

export async function startSshd(): Promise<RunningSshd> {
  const dir = mkdtempSync(join(tmpdir(), 'fiona-sshd-'));
  const hostKey = join(dir, 'host_ed25519');
  const clientKeyFile = join(dir, 'client_ed25519');
  const strangerKeyFile = join(dir, 'stranger_ed25519');
  keygen(hostKey, 'fiona-test-host');
  keygen(clientKeyFile, 'fiona-test-client');
  keygen(strangerKeyFile, 'fiona-test-stranger');
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(`${clientKeyFile}.pub`), { mode: 0o600 });
  const remoteDir = join(dir, 'outbox');
  mkdirSync(remoteDir);
  // sshd insists on its privilege separation folder even when it never drops privileges for us.
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const port = await findFreePort();
  const config = join(dir, 'sshd_config');
  writeFileSync(
    config,
    [
      `ListenAddress 127.0.0.1`,
      `HostKey ${hostKey}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      'PermitRootLogin prohibit-password',
      'PubkeyAuthentication yes',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      // The temp folder is not root-owned all the way up, which StrictModes would refuse.
      'StrictModes no',
      'Subsystem sftp internal-sftp',
      'LogLevel ERROR',
      '',
    ].join('\n'),
  );
  let output = '';
  const child = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', config, '-p', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  await listening(port, child, () => output);
  return {
    host: '127.0.0.1',
    port,
    username: userInfo().username,
    clientKeyFile,
    strangerKeyFile,
    hostKeySha256: fingerprint(`${hostKey}.pub`),
    remoteDir,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
