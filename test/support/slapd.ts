// A real OpenLDAP server (Debian's slapd) for the directory sign-in tests: a generated slapd.conf and an MDB
// database in a temp dir, a free port on 127.0.0.1, optionally a self-signed certificate (made with
// openssl) for StartTLS; entries added with ldapadd and changed with ldapmodify, as an administrator would.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { findFreePort } from './dcmtk.js';

const run = promisify(execFile);

export const LDAP_BASE = 'dc=example,dc=org';
export const LDAP_ADMIN_DN = `cn=admin,${LDAP_BASE}`;
export const LDAP_ADMIN_PASSWORD = 'directory admin secret';
export const SERVICE_DN = `cn=fiona,ou=services,${LDAP_BASE}`;
export const SERVICE_PASSWORD = 'service account secret';
export const ADMIN_GROUP_DN = `cn=fiona-admins,ou=groups,${LDAP_BASE}`;

export interface LdapPerson {
  uid: string;
  password: string;
  displayName: string;
}

export interface RunningSlapd {
  url: string;
  port: number;
  /** The CA file (the self-signed certificate itself) when started with TLS. */
  caFile?: string;
  dir: string;
  add(ldif: string): Promise<void>;
  modify(ldif: string): Promise<void>;
  stop(): Promise<void>;
}

function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`slapd did not listen on ${port}`));
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

export function personLdif(p: LdapPerson): string {
  return `dn: uid=${p.uid},ou=people,${LDAP_BASE}
objectClass: inetOrgPerson
uid: ${p.uid}
cn: ${p.displayName}
sn: ${p.displayName.split(' ').pop()}
displayName: ${p.displayName}
userPassword: ${p.password}
`;
}

/** Starts slapd with the base, ou=people, ou=groups, the service account, the given people and the admin group. */
export async function startSlapd(options: { people: LdapPerson[]; admins: string[]; tls?: boolean }): Promise<RunningSlapd> {
  const dir = mkdtempSync(join(tmpdir(), 'fiona-slapd-'));
  mkdirSync(join(dir, 'db'));
  const port = await findFreePort();
  let tlsLines = '';
  let caFile: string | undefined;
  if (options.tls) {
    caFile = join(dir, 'cert.pem');
    await run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', caFile]);
    tlsLines = `TLSCertificateFile ${caFile}\nTLSCertificateKeyFile ${join(dir, 'key.pem')}\n`;
  }
  const rootHash = (await run('slappasswd', ['-s', LDAP_ADMIN_PASSWORD])).stdout.trim();
  writeFileSync(
    join(dir, 'slapd.conf'),
    `include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
modulepath /usr/lib/ldap
moduleload back_mdb
pidfile ${join(dir, 'slapd.pid')}
${tlsLines}database mdb
suffix "${LDAP_BASE}"
rootdn "${LDAP_ADMIN_DN}"
rootpw ${rootHash}
directory ${join(dir, 'db')}
maxsize 10485760
access to attrs=userPassword by self write by anonymous auth by * none
access to * by users read by anonymous auth by * none
`,
  );
  const url = `ldap://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn('slapd', ['-f', join(dir, 'slapd.conf'), '-h', `${url}/`, '-d', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    await waitForPort(port, 10_000).catch((err: Error) => {
      throw new Error(`${err.message}: ${stderr}`);
    });
  };
  await start();
  const ldapTool = async (tool: string, ldif: string) => {
    const file = join(dir, `change-${Date.now()}-${Math.random()}.ldif`);
    writeFileSync(file, ldif);
    await run(tool, ['-x', '-H', url, '-D', LDAP_ADMIN_DN, '-w', LDAP_ADMIN_PASSWORD, '-f', file]);
  };
  const people = options.people.map(personLdif).join('\n');
  await ldapTool(
    'ldapadd',
    `dn: ${LDAP_BASE}
objectClass: dcObject
objectClass: organization
o: Example Hospital
dc: example

dn: ou=people,${LDAP_BASE}
objectClass: organizationalUnit
ou: people

dn: ou=groups,${LDAP_BASE}
objectClass: organizationalUnit
ou: groups

dn: ou=services,${LDAP_BASE}
objectClass: organizationalUnit
ou: services

dn: ${SERVICE_DN}
objectClass: person
cn: fiona
sn: service
userPassword: ${SERVICE_PASSWORD}

${people}
dn: ${ADMIN_GROUP_DN}
objectClass: groupOfNames
cn: fiona-admins
${options.admins.map((uid) => `member: uid=${uid},ou=people,${LDAP_BASE}`).join('\n')}
`,
  );
  return {
    url,
    port,
    caFile,
    dir,
    add: (ldif) => ldapTool('ldapadd', ldif),
    modify: (ldif) => ldapTool('ldapmodify', ldif),
    async stop() {
      const c = child;
      if (c && c.exitCode === null) {
        const exited = new Promise((resolve) => c.once('exit', resolve));
        c.kill('SIGTERM');
        await exited;
      }
    },
  };
}

export function removeSlapdDir(slapd: RunningSlapd): void {
  rmSync(slapd.dir, { recursive: true, force: true });
}
