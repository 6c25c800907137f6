// LDAP / Active Directory sign-in: the directory checks the password by a bind as the user (Fiona never sees
// a hash), then says who the user is (name) and which groups list them (site admin). One short connection
// per sign-in, so nothing stays bound between requests. ldapts speaks the protocol; this file only decides
// which DN to bind and what to ask.
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import { Client, Filter, InvalidCredentialsError, type Entry } from 'ldapts';
import { ConfigError } from '../config.js';

export interface LdapConfig {
  url: string;
  bindDn?: string;
  base?: string;
  filter: string;
  serviceDn?: string;
  servicePassword?: string;
  startTls: boolean;
  tlsCaFile?: string;
  displayNameAttribute: string;
  timeoutSeconds: number;
  groups: { base?: string; filter: string; admin: string[] };
}

/** Who the directory says signed in. */
export interface DirectoryUser {
  dn: string;
  displayName: string | null;
  groups: string[];
  /** null: no admin groups configured, the directory does not decide the site role. */
  isAdmin: boolean | null;
}

/** The directory could not be asked (down, refused TLS, timed out, misconfigured service account). */
export class DirectoryUnavailableError extends Error {}

/** The directory answered: no such user, more than one, or the wrong password. */
export class DirectoryRejectedError extends Error {}

/** RFC 4514 escaping of a value put into a DN (ldapts escapes whole RDNs only, not a value in a template). */
export function escapeDnValue(value: string): string {
  return value
    .replace(/[\\,+"<>;=#]/g, (c) => `\\${c}`)
    .replace(/^ /, '\\ ')
    .replace(/ $/, '\\ ')
    .replace(/\0/g, '\\00');
}

/** DNs compared as directories do: case and spaces around separators do not matter. */
export function sameDn(a: string, b: string): boolean {
  const norm = (dn: string) => dn.trim().toLowerCase().replace(/\s*([,=+])\s*/g, '$1');
  return norm(a) === norm(b);
}

function first(entry: Entry, attribute: string): string | null {
  const key = Object.keys(entry).find((k) => k.toLowerCase() === attribute.toLowerCase());
  const value = key === undefined ? undefined : entry[key];
  const one = Array.isArray(value) ? value[0] : value;
  return one === undefined ? null : Buffer.isBuffer(one) ? one.toString('utf8') : String(one);
}

function all(entry: Entry, attribute: string): string[] {
  const key = Object.keys(entry).find((k) => k.toLowerCase() === attribute.toLowerCase());
  const value = key === undefined ? [] : entry[key];
  return (Array.isArray(value) ? value : [value]).map((v) => (Buffer.isBuffer(v) ? v.toString('utf8') : String(v)));
}

export class LdapDirectory {
  private readonly tls: ConnectionOptions;

  constructor(private readonly config: LdapConfig) {
    const host = new URL(config.url).hostname.replace(/^\[|\]$/g, '');
    let ca: Buffer | undefined;
    try {
      ca = config.tlsCaFile ? readFileSync(config.tlsCaFile) : undefined;
    } catch (err) {
      throw new ConfigError(`auth.ldap.tlsCaFile: cannot read ${config.tlsCaFile} (${(err as NodeJS.ErrnoException).code ?? err})`);
    }
    // The certificate is checked against the URL's host (an IP is checked against the IP SANs; SNI only for names).
    this.tls = { host, ...(isIP(host) ? {} : { servername: host }), minVersion: 'TLSv1.2', ...(ca ? { ca } : {}) };
  }

  /** Where the directory is, for messages (no credentials are ever in the URL). */
  get url(): string {
    return this.config.url;
  }

  /**
   * Check the user's password by binding as them and read who they are. An empty password is refused here:
   * LDAP servers treat a bind with a DN and no password as an anonymous bind that "succeeds" (RFC 4513 5.1.2).
   */
  async authenticate(username: string, password: string): Promise<DirectoryUser> {
    if (password.length === 0) throw new DirectoryRejectedError('empty password');
    const client = await this.connect();
    try {
      const dn = this.config.bindDn === undefined ? await this.searchUser(client, username) : this.config.bindDn.replaceAll('{username}', escapeDnValue(username));
      try {
        await client.bind(dn, password);
      } catch (err) {
        if (err instanceof InvalidCredentialsError) throw new DirectoryRejectedError('wrong password');
        throw err;
      }
      // Bound as the user; read the entry (a bindDn like user@domain is no DN: then search for it).
      const entry = this.config.bindDn !== undefined && this.config.base !== undefined && !dn.includes('=') ? await this.findOne(client, username) : await this.read(client, dn);
      const userDn = entry?.dn ?? dn;
      const admin = this.config.groups.admin;
      // Groups matter only for the site role: without admin groups none are asked for (nothing to fail).
      if (admin.length > 0 && this.config.serviceDn) await client.bind(this.config.serviceDn, this.config.servicePassword!);
      const groups = admin.length > 0 ? await this.groupsOf(client, userDn, entry) : [];
      return {
        dn: userDn,
        displayName: (entry && (first(entry, this.config.displayNameAttribute) ?? first(entry, 'cn'))) ?? null,
        groups,
        isAdmin: admin.length === 0 ? null : groups.some((g) => admin.some((a) => sameDn(a, g))),
      };
    } catch (err) {
      if (err instanceof DirectoryRejectedError) throw err;
      throw new DirectoryUnavailableError((err as Error).message || String(err));
    } finally {
      await client.unbind().catch(() => undefined);
    }
  }

  /** For `fiona doctor`: connect (and StartTLS), bind as the service account if there is one; what worked, or DirectoryUnavailableError. */
  async check(): Promise<string> {
    const client = await this.connect();
    try {
      // An anonymous bind when there is no service account: it reaches the server without any user's password.
      await client.bind(this.config.serviceDn ?? '', this.config.servicePassword ?? '');
      return `${this.config.url} reachable${this.config.startTls ? ', StartTLS' : ''}${this.config.serviceDn ? ', service account binds' : ''}`;
    } catch (err) {
      throw new DirectoryUnavailableError(`${this.config.url}: ${(err as Error).message}`);
    } finally {
      await client.unbind().catch(() => undefined);
    }
  }

  private async connect(): Promise<Client> {
    const ms = this.config.timeoutSeconds * 1000;
    // ldapts speaks TLS from the first byte whenever it is given TLS options: only for ldaps://.
    const ldaps = /^ldaps:/i.test(this.config.url);
    const client = new Client({ url: this.config.url, timeout: ms, connectTimeout: ms, ...(ldaps ? { tlsOptions: this.tls } : {}), strictDN: false });
    try {
      if (this.config.startTls) await client.startTLS(this.tls);
    } catch (err) {
      await client.unbind().catch(() => undefined);
      throw new DirectoryUnavailableError(`StartTLS failed: ${(err as Error).message}`);
    }
    return client;
  }

  /** Search mode: bind as the service account (or stay anonymous) and find exactly one entry. */
  private async searchUser(client: Client, username: string): Promise<string> {
    try {
      if (this.config.serviceDn) await client.bind(this.config.serviceDn, this.config.servicePassword!);
    } catch (err) {
      // A wrong service password is the site's fault, not the user's: say so, as unavailable.
      throw new DirectoryUnavailableError(`the service account cannot bind: ${(err as Error).message}`);
    }
    const entry = await this.findOne(client, username);
    if (!entry) throw new DirectoryRejectedError('no such user');
    return entry.dn;
  }

  private async findOne(client: Client, username: string): Promise<Entry | undefined> {
    const filter = this.config.filter.replaceAll('{username}', Filter.escape(username));
    const { searchEntries } = await client.search(this.config.base!, { scope: 'sub', filter, sizeLimit: 2, attributes: [this.config.displayNameAttribute, 'cn', 'memberOf'] });
    if (searchEntries.length > 1) throw new DirectoryRejectedError('more than one entry matches');
    return searchEntries[0];
  }

  private async read(client: Client, dn: string): Promise<Entry | undefined> {
    try {
      const { searchEntries } = await client.search(dn, { scope: 'base', filter: '(objectClass=*)', attributes: [this.config.displayNameAttribute, 'cn', 'memberOf'] });
      return searchEntries[0];
    } catch {
      return undefined; // the user may not read their own entry: sign in without a name
    }
  }

  /** The groups listing the user: their memberOf (Active Directory) and a search of the group base. */
  private async groupsOf(client: Client, userDn: string, entry: Entry | undefined): Promise<string[]> {
    const groups = entry ? all(entry, 'memberOf') : [];
    const base = this.config.groups.base ?? this.config.base;
    if (base && this.config.groups.filter) {
      const filter = this.config.groups.filter.replaceAll('{dn}', Filter.escape(userDn));
      const { searchEntries } = await client.search(base, { scope: 'sub', filter, attributes: ['cn'] });
      for (const g of searchEntries) if (!groups.some((known) => sameDn(known, g.dn))) groups.push(g.dn);
    }
    return groups;
  }
}
