// Configuration: embedded defaults < config file < FIONA_* environment variables. Validated once at start;
// a bad value stops start-up with a message that names the key.
import { readFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';

const aeTitle = z
  .string()
  .min(1)
  .max(16)
  .regex(/^[\x20-\x5b\x5d-\x7e]+$/, 'AE titles are 1-16 printable ASCII characters without backslash')
  .refine((v) => v.trim().length > 0, 'AE title must not be blank');
const port = z.coerce.number().int().min(0).max(65535);

/** Plain HTTP is accepted only towards this machine (a test provider); anything else must be HTTPS. */
export function isHttpsOrLoopback(url: string): boolean {
  const u = new URL(url);
  return u.protocol === 'https:' || (u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname));
}
export const ROLES = ['receiver', 'worker', 'web'] as const;
export type Role = (typeof ROLES)[number];

export const configSchema = z
  .object({
    dataDir: z.string().min(1).default('./data'),
    /**
     * What `fiona serve` runs in this process: receiver (DICOM listener, quarantine, index, arrival), worker
     * (routing, de-identification, forwarding, exports, retention, reconciliation), web (HTTP), or all.
     * Several processes share one PostgreSQL database and one quarantine folder; SQLite serves one process.
     */
    roles: z
      .preprocess((v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v), z.array(z.enum(['all', ...ROLES])).min(1, 'name at least one role'))
      .default(['all']),
    dicom: z
      .object({
        aet: aeTitle.default('FIONA'),
        port: port.default(11112),
        host: z.string().default('0.0.0.0'),
        maxAssociations: z.coerce.number().int().min(1).max(1000).default(32),
        /** Calling AE titles allowed to associate; empty = anyone. */
        allowedCallingAets: z.array(aeTitle).default([]),
        /** Accept storage SOP classes we do not know (vendor private classes), as Orthanc's UnknownSopClassAccepted. */
        acceptUnknownSopClasses: z.boolean().default(true),
        /** Largest P-DATA-TF body we accept (announced in 0x51). */
        maxPduLength: z.coerce.number().int().min(4096).max(16 * 1024 * 1024).default(1024 * 1024),
        /**
         * fsync each received file and its folder before answering Success (default). Off trades the
         * guarantee for speed, as storescp and Orthanc do: an OS crash may then lose acknowledged instances.
         */
        fsync: z.boolean().default(true),
        /** On stop, associations under way get this long to finish before they are aborted. */
        stopGraceSeconds: z.coerce.number().min(0).max(600).default(10),
        /** Seconds a peer may stay silent before the association is aborted. */
        idleTimeoutSeconds: z.coerce.number().min(1).default(120),
        /** A PDU must arrive whole within this many seconds of its first byte; trickled bytes do not extend it. */
        pduTimeoutSeconds: z.coerce.number().min(0.1).max(3600).default(60),
        /** While a PDU or message is under way, the peer must send at least this many bytes per second… */
        minBytesPerSecond: z.coerce.number().min(0).default(4096),
        /** …measured over this window (0 turns the rate check off). */
        rateWindowSeconds: z.coerce.number().min(0).max(3600).default(20),
        /** Associations at once from one calling address, so one sender cannot take every slot (at most maxAssociations). */
        maxAssociationsPerAddress: z.coerce.number().int().min(1).max(1000).default(8),
        /** A deflated dataset may inflate to at most this many bytes (decompression bombs are refused). */
        maxInflatedBytes: z.coerce.number().int().min(1024).default(256 * 1024 * 1024),
        /** Below this share of free disk, C-STORE is answered 0xA700 (out of resources) and retention runs at once. */
        minFreePercent: z.coerce.number().min(0).max(50).default(1),
        /** How often the listener looks at the free disk for minFreePercent (not per instance). */
        diskCheckSeconds: z.coerce.number().min(0.1).max(3600).default(5),
        /** Sequences nested deeper than this are refused. */
        maxSequenceDepth: z.coerce.number().int().min(1).max(1000).default(64),
      })
      .strict()
      .default({}),
    http: z
      .object({
        host: z.string().default('0.0.0.0'),
        port: port.default(8080),
        /**
         * Addresses or CIDR ranges of reverse proxies in front of Fiona. Only a request from one of them has
         * its X-Forwarded-For (the client address used for sign-in pauses and the audit log) and
         * X-Forwarded-Proto (https: Secure cookies) believed; from anyone else these headers are ignored.
         */
        trustProxy: z.array(z.string().min(1)).default([]),
        /** PEM certificate (chain) and private key files: serve HTTPS on http.port. Both or neither. */
        tlsCert: z.string().min(1).optional(),
        tlsKey: z.string().min(1).optional(),
      })
      .strict()
      .refine((h) => (h.tlsCert === undefined) === (h.tlsKey === undefined), { message: 'tlsCert and tlsKey go together: give both or neither', path: ['tlsKey'] })
      .default({}),
    db: z
      .object({
        /** sqlite:<path> (default: <dataDir>/fiona.sqlite) or postgres://user@host:port/db */
        url: z.string().optional(),
      })
      .strict()
      .default({}),
    arrival: z
      .object({
        /** A study counts as arrived after this many quiet seconds (the original used 16 s). */
        quietSeconds: z.coerce.number().min(0).default(16),
      })
      .strict()
      .default({}),
    storage: z
      .object({
        /** Data dir readable by its group too (folders 0750, files 0640) instead of by its owner only (0700, 0600). */
        groupReadable: z.boolean().default(false),
      })
      .strict()
      .default({}),
    routing: z
      .object({
        /** Coupling-list entries one project may hold; an upload beyond it is refused line by line. */
        maxCouplingEntries: z.coerce.number().int().min(1).default(100_000),
      })
      .strict()
      .default({}),
    deid: z
      .object({
        /** The organisational UID root de-identified UIDs are made under. */
        uidRoot: z.string().regex(/^[1-9][0-9]*(\.(0|[1-9][0-9]*))*$/, 'a UID root: digits and dots, no leading zeros').default('1.3.6.1.4.1.45037'),
        /** File holding the installation's secret key; default <dataDir>/secret.key, created on first use. */
        keyFile: z.string().optional(),
        /**
         * De-identification threads in this process (0: one per core but one, at least one). Several worker
         * processes on one machine should share its cores: cores / processes each.
         */
        threads: z.coerce.number().int().min(0).max(64).default(0),
      })
      .strict()
      .default({}),
    forward: z
      .object({
        /** Transfer workers in this process (0: this process only receives and serves the web app). */
        workers: z.coerce.number().int().min(0).max(16).default(1),
        /** A claimed transfer is another worker's to take over when its lease runs out (renewed while it runs). */
        leaseSeconds: z.coerce.number().min(2).max(3600).default(30),
        /** First retry after a failure; doubles per attempt up to retryMaxSeconds. Never gives up. */
        retryBaseSeconds: z.coerce.number().min(0.1).default(10),
        retryMaxSeconds: z.coerce.number().min(1).default(600),
        /** How often each project's research PACS is asked what it holds (C-FIND); 0 = only after transfers. */
        reconcileMinutes: z.coerce.number().min(0).default(60),
      })
      .strict()
      .default({}),
    export: z
      .object({
        /** Export workers in this process (0: none; exports queued here run elsewhere). */
        workers: z.coerce.number().int().min(0).max(8).default(1),
        /** A claimed export is another worker's to take over when its lease runs out (renewed while it runs). */
        leaseSeconds: z.coerce.number().min(2).max(3600).default(60),
        /** Finished exports are removed after this many days. */
        expiryDays: z.coerce.number().min(0.0001).max(365).default(7),
        /** Queued or running exports per project at once; more are refused until one ends. */
        maxActivePerProject: z.coerce.number().int().min(1).max(100).default(2),
        /** An export does not start with less free space than this in the data dir. */
        minFreeMegabytes: z.coerce.number().min(0).default(1024),
        /** A crashed export is taken up again at most this many times, then fails. */
        maxAttempts: z.coerce.number().int().min(1).max(20).default(3),
        /** C-GET associations one export uses at once (series ahead of the archive, long series in parts). */
        parallelRetrievals: z.coerce.number().int().min(1).max(16).default(4),
        /**
         * Fiona's own C-MOVE destination for research PACS without C-GET: an AE title on a port of its own
         * (apart from the quarantine's listener), which the PACS must know (Orthanc: DicomModalities).
         * Unset port: no C-MOVE. `pacs`: AE titles of research PACS always read with C-MOVE; others are read
         * with C-GET and fall back to C-MOVE when they refuse it.
         */
        move: z
          .object({
            aet: aeTitle.default('FIONA_EXPORT'),
            host: z.string().default('0.0.0.0'),
            port: port.optional(),
            pacs: z.array(aeTitle).default([]),
          })
          .strict()
          .default({}),
        /**
         * SFTP servers finished exports can be delivered to, by name: host key pinned (SHA256:… as
         * `ssh-keygen -lf` prints it), key authentication only, the projects that may use each (`*`: all).
         */
        outboxes: z
          .record(
            z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'outbox names: 1-32 letters, digits, _ or -'),
            z
              .object({
                host: z.string().min(1),
                port: port.default(22),
                username: z.string().min(1),
                privateKeyFile: z.string().min(1),
                hostKeySha256: z.string().regex(/^(SHA256:)?[A-Za-z0-9+/]{43}=?$/, 'the server\'s host key fingerprint as ssh-keygen -lf prints it: SHA256:<43 base64 characters>'),
                remoteDir: z.string().min(1).default('.'),
                projects: z.array(z.string().min(1)).default([]),
              })
              .strict(),
          )
          .default({}),
      })
      .strict()
      .default({}),
    retention: z
      .object({
        /** Studies never assigned are removed from the quarantine this many days after their last instance. */
        unassignedDays: z.coerce.number().min(0).default(14),
        /** Studies every project of theirs has confirmed (C-FIND) are removed this many days after that. */
        confirmedDays: z.coerce.number().min(0).default(7),
        /** Below this share of free disk, the oldest confirmed studies go first, then the oldest unassigned. */
        minFreePercent: z.coerce.number().min(0).max(95).default(20),
        /** How often retention runs (0: only when the disk fills; `fiona doctor` still reports). */
        intervalMinutes: z.coerce.number().min(0).default(60),
      })
      .strict()
      .default({}),
    health: z
      .object({
        /** How often the self-checks run (C-ECHO to our own listener, database, disk, leases, queue age). */
        checkSeconds: z.coerce.number().min(0.2).max(3600).default(60),
        /** The forward queue counts as degraded when the oldest transfer due has waited longer than this. */
        maxQueueAgeMinutes: z.coerce.number().min(0).default(30),
      })
      .strict()
      .default({}),
    metrics: z
      .object({
        /** Addresses that may read /metrics without a token (exact client addresses). */
        allow: z.array(z.string().min(1)).default(['127.0.0.1', '::1', '::ffff:127.0.0.1']),
        /** A bearer token that lets any address read /metrics (unset: only the allowed addresses). */
        token: z.string().min(16).optional(),
      })
      .strict()
      .default({}),
    /** Uploads from the browser and STOW-RS (into the quarantine). */
    upload: z
      .object({
        /** Files in one upload (the browser checks; the server refuses a STOW-RS request with more parts). */
        maxFiles: z.coerce.number().int().min(1).default(10_000),
        /** Bytes in one upload, all files together (checked in the browser before anything is sent). */
        maxBytes: z.coerce.number().int().min(1).default(20 * 1024 ** 3),
        /** Bytes of one file (the server refuses a larger STOW-RS part, per instance). */
        maxFileBytes: z.coerce.number().int().min(1).default(2 * 1024 ** 3),
        /** The whole-slide converter (TIFF, SVS → DICOM VL Whole Slide Microscopy): Debian orthanc-wsi's dicomizer. */
        slideConverter: z.string().min(1).default('OrthancWSIDicomizer'),
      })
      .strict()
      .default({}),
    lifecycle: z
      .object({
        /** Days an archived project is kept before two admins may delete it. */
        retentionDays: z.coerce.number().int().min(0).max(36500).default(365),
      })
      .strict()
      .default({}),
    researchPacs: z
      .object({
        /**
         * How Fiona deletes a study from a research PACS (corrections, project deletion): DIMSE has no delete,
         * so per destination AE title the base URL of its Orthanc REST API (user:password@ allowed).
         */
        orthancRest: z.record(z.string().url()).default({}),
      })
      .strict()
      .default({}),
    /** Sign-in with the hospital's directory, beside the local accounts (which always stay). */
    auth: z
      .object({
        /**
         * scrypt cost of new password hashes, as log2 N (r = 8, p = 1): 15 takes ~32 MiB and ~0.1 s per hash.
         * Lower only where hashing time matters more than resistance to offline guessing (the test suite sets
         * 10); existing hashes keep the cost they were made with.
         */
        passwordCost: z.coerce.number().int().min(10).max(20).default(15),
        ldap: z
          .object({
            /** ldap://host:389 or ldaps://host:636. */
            url: z.string().regex(/^ldaps?:\/\/[^/]+\/?$/i, 'ldap://host[:port] or ldaps://host[:port]'),
            /**
             * Bind directly as the user: a DN template with {username}, e.g. uid={username},ou=people,dc=example,dc=org,
             * or an Active Directory user principal, {username}@hospital.local. Without it, the user's entry is searched.
             */
            bindDn: z.string().includes('{username}', { message: 'must contain {username}' }).optional(),
            /** Where users are searched (search mode, and to read the entry when bindDn is not a DN). */
            base: z.string().min(1).optional(),
            /** The search filter; {username} is escaped (RFC 4515). Active Directory: (sAMAccountName={username}). */
            filter: z.string().includes('{username}', { message: 'must contain {username}' }).default('(uid={username})'),
            /** A service account that may search (unset: search anonymously, or as the user in bindDn mode). */
            serviceDn: z.string().min(1).optional(),
            servicePassword: z.string().min(1).optional(),
            /** Upgrade ldap:// with StartTLS before any password is sent. */
            startTls: z.boolean().default(false),
            /** PEM file of the CA(s) the directory's certificate is checked against (default: the system's). */
            tlsCaFile: z.string().min(1).optional(),
            /** Attribute with the person's name shown in Fiona. */
            displayNameAttribute: z.string().min(1).default('displayName'),
            timeoutSeconds: z.coerce.number().min(0.5).max(120).default(5),
            groups: z
              .object({
                /** Where groups are searched (default: base). */
                base: z.string().min(1).optional(),
                /** Groups that list the user; {dn} is the user's DN (escaped). AD with nested groups: (member:1.2.840.113556.1.4.1941:={dn}). */
                filter: z.string().default('(|(member={dn})(uniqueMember={dn}))'),
                /** Group DNs whose members are site admins. Set: the directory decides the site role at every sign-in. */
                admin: z.array(z.string().min(1)).default([]),
              })
              .strict()
              .default({}),
          })
          .strict()
          .refine((l) => l.bindDn !== undefined || l.base !== undefined, { message: 'give bindDn (bind as the user) or base (search the user, with filter)', path: ['base'] })
          .refine((l) => (l.serviceDn === undefined) === (l.servicePassword === undefined), { message: 'serviceDn and servicePassword go together', path: ['servicePassword'] })
          .refine((l) => !(l.startTls && /^ldaps:/i.test(l.url)), { message: 'startTls is for ldap:// (ldaps:// is TLS already)', path: ['startTls'] })
          .optional(),
        oidc: z
          .object({
            /** Shown on the sign-in page: "Sign in with <name>". */
            name: z.string().min(1).max(60).default('hospital account'),
            /** The provider's issuer URL (its discovery document is at <issuer>/.well-known/openid-configuration). */
            issuer: z.string().url(),
            clientId: z.string().min(1),
            /** Unset: a public client (PKCE only). */
            clientSecret: z.string().min(1).optional(),
            /** Fiona's callback as registered at the provider: https://fiona.example.org/api/auth/oidc/callback. */
            redirectUri: z.string().url().refine((u) => new URL(u).pathname === '/api/auth/oidc/callback', 'must end in /api/auth/oidc/callback'),
            scopes: z.array(z.string().min(1)).default(['openid', 'profile', 'email']),
            /** The claim that becomes the Fiona username (lower-cased; must fit Fiona's username rules). */
            usernameClaim: z.string().min(1).default('preferred_username'),
            /** A claim (string or list, e.g. groups or roles) and the values that make a site admin. Set: the provider decides the site role at every sign-in. */
            adminClaim: z.string().min(1).optional(),
            adminValues: z.array(z.string().min(1)).default([]),
          })
          .strict()
          .refine((o) => o.scopes.includes('openid'), { message: 'must include openid', path: ['scopes'] })
          .refine((o) => isHttpsOrLoopback(o.issuer), { message: 'https:// (http:// only for a provider on this machine, for tests)', path: ['issuer'] })
          .optional(),
      })
      .strict()
      .default({}),
    /** E-mail notifications (SMTP). Off by default: nothing is queued or sent until `enabled`. */
    mail: z
      .object({
        enabled: z.boolean().default(false),
        host: z.string().min(1).default('localhost'),
        port: port.default(587),
        /** true: TLS from the first byte (port 465); false: STARTTLS when the server offers it. */
        secure: z.boolean().default(false),
        /** The sender, e.g. `"Fiona" <fiona@example.org>`. */
        from: z.string().min(3).default('fiona@localhost'),
        /** SMTP AUTH; leave out for a relay that trusts this host. */
        user: z.string().min(1).optional(),
        password: z.string().min(1).optional(),
        /** Link to the web app in messages (e.g. https://fiona.example.org); none when unset. */
        publicUrl: z.string().url().optional(),
        /** How often the outbox is looked at (due messages, retries, digests, ethics-approval warnings). */
        intervalSeconds: z.coerce.number().min(0.2).max(3600).default(30),
        /** First retry after a failed send; doubles per attempt up to retryMaxSeconds. */
        retryBaseSeconds: z.coerce.number().min(0.1).default(30),
        retryMaxSeconds: z.coerce.number().min(1).default(3600),
        /** A message that could not be sent this many times is given up (marked failed, logged). */
        maxAttempts: z.coerce.number().int().min(1).max(1000).default(48),
        /** Hour of the day (UTC) daily digests are sent. */
        digestHour: z.coerce.number().int().min(0).max(23).default(6),
      })
      .strict()
      .refine((m) => (m.user === undefined) === (m.password === undefined), { message: 'user and password go together: give both or neither', path: ['password'] })
      .default({}),
    log: z
      .object({
        level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
      })
      .strict()
      .default({}),
  })
  .strict();

export type FionaConfig = z.infer<typeof configSchema>;

/** FIONA_* variables and the config key each one sets. */
export const environmentKeys: Record<string, string[]> = {
  FIONA_DATA_DIR: ['dataDir'],
  FIONA_ROLES: ['roles'],
  FIONA_DICOM_AET: ['dicom', 'aet'],
  FIONA_DICOM_PORT: ['dicom', 'port'],
  FIONA_DICOM_HOST: ['dicom', 'host'],
  FIONA_DICOM_MAX_ASSOCIATIONS: ['dicom', 'maxAssociations'],
  FIONA_DICOM_ALLOWED_CALLING_AETS: ['dicom', 'allowedCallingAets'],
  FIONA_DICOM_FSYNC: ['dicom', 'fsync'],
  FIONA_DICOM_MAX_ASSOCIATIONS_PER_ADDRESS: ['dicom', 'maxAssociationsPerAddress'],
  FIONA_DICOM_PDU_TIMEOUT_SECONDS: ['dicom', 'pduTimeoutSeconds'],
  FIONA_DICOM_MIN_BYTES_PER_SECOND: ['dicom', 'minBytesPerSecond'],
  FIONA_DICOM_MAX_INFLATED_BYTES: ['dicom', 'maxInflatedBytes'],
  FIONA_HTTP_HOST: ['http', 'host'],
  FIONA_HTTP_PORT: ['http', 'port'],
  FIONA_HTTP_TRUST_PROXY: ['http', 'trustProxy'],
  FIONA_HTTP_TLS_CERT: ['http', 'tlsCert'],
  FIONA_HTTP_TLS_KEY: ['http', 'tlsKey'],
  FIONA_DB_URL: ['db', 'url'],
  FIONA_ARRIVAL_QUIET_SECONDS: ['arrival', 'quietSeconds'],
  FIONA_STORAGE_GROUP_READABLE: ['storage', 'groupReadable'],
  FIONA_ROUTING_MAX_COUPLING_ENTRIES: ['routing', 'maxCouplingEntries'],
  FIONA_DEID_UID_ROOT: ['deid', 'uidRoot'],
  FIONA_DEID_KEY_FILE: ['deid', 'keyFile'],
  FIONA_DEID_THREADS: ['deid', 'threads'],
  FIONA_FORWARD_WORKERS: ['forward', 'workers'],
  FIONA_EXPORT_WORKERS: ['export', 'workers'],
  FIONA_EXPORT_EXPIRY_DAYS: ['export', 'expiryDays'],
  FIONA_EXPORT_MAX_ACTIVE_PER_PROJECT: ['export', 'maxActivePerProject'],
  FIONA_EXPORT_MIN_FREE_MEGABYTES: ['export', 'minFreeMegabytes'],
  FIONA_FORWARD_LEASE_SECONDS: ['forward', 'leaseSeconds'],
  FIONA_FORWARD_RETRY_BASE_SECONDS: ['forward', 'retryBaseSeconds'],
  FIONA_FORWARD_RETRY_MAX_SECONDS: ['forward', 'retryMaxSeconds'],
  FIONA_FORWARD_RECONCILE_MINUTES: ['forward', 'reconcileMinutes'],
  FIONA_RETENTION_UNASSIGNED_DAYS: ['retention', 'unassignedDays'],
  FIONA_RETENTION_CONFIRMED_DAYS: ['retention', 'confirmedDays'],
  FIONA_RETENTION_MIN_FREE_PERCENT: ['retention', 'minFreePercent'],
  FIONA_RETENTION_INTERVAL_MINUTES: ['retention', 'intervalMinutes'],
  FIONA_HEALTH_CHECK_SECONDS: ['health', 'checkSeconds'],
  FIONA_HEALTH_MAX_QUEUE_AGE_MINUTES: ['health', 'maxQueueAgeMinutes'],
  FIONA_METRICS_ALLOW: ['metrics', 'allow'],
  FIONA_METRICS_TOKEN: ['metrics', 'token'],
  FIONA_UPLOAD_MAX_FILES: ['upload', 'maxFiles'],
  FIONA_UPLOAD_MAX_BYTES: ['upload', 'maxBytes'],
  FIONA_UPLOAD_MAX_FILE_BYTES: ['upload', 'maxFileBytes'],
  FIONA_UPLOAD_SLIDE_CONVERTER: ['upload', 'slideConverter'],
  FIONA_LIFECYCLE_RETENTION_DAYS: ['lifecycle', 'retentionDays'],
  FIONA_AUTH_LDAP_SERVICE_PASSWORD: ['auth', 'ldap', 'servicePassword'],
  FIONA_AUTH_OIDC_CLIENT_SECRET: ['auth', 'oidc', 'clientSecret'],
  FIONA_MAIL_ENABLED: ['mail', 'enabled'],
  FIONA_MAIL_HOST: ['mail', 'host'],
  FIONA_MAIL_PORT: ['mail', 'port'],
  FIONA_MAIL_SECURE: ['mail', 'secure'],
  FIONA_MAIL_FROM: ['mail', 'from'],
  FIONA_MAIL_USER: ['mail', 'user'],
  FIONA_MAIL_PASSWORD: ['mail', 'password'],
  FIONA_MAIL_PUBLIC_URL: ['mail', 'publicUrl'],
  FIONA_AUTH_PASSWORD_COST: ['auth', 'passwordCost'],
  FIONA_LOG_LEVEL: ['log', 'level'],
};

export class ConfigError extends Error {}

type Json = { [key: string]: unknown };

function setPath(target: Json, path: string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Json;
  }
  node[path[path.length - 1]] = value;
}

export interface LoadOptions {
  env?: NodeJS.ProcessEnv;
  /** Explicit config file; otherwise FIONA_CONFIG, otherwise ./fiona.config.json when present. */
  file?: string;
  overrides?: Json;
}

export function loadConfig(options: LoadOptions = {}): FionaConfig {
  const env = options.env ?? process.env;
  const raw: Json = {};
  const file = options.file ?? env.FIONA_CONFIG ?? (existsSync('fiona.config.json') ? 'fiona.config.json' : undefined);
  if (file) {
    let text: string;
    try {
      text = readFileSync(resolve(file), 'utf8');
    } catch (err) {
      throw new ConfigError(`config file ${file}: cannot be read (${(err as NodeJS.ErrnoException).code ?? err})`);
    }
    try {
      Object.assign(raw, JSON.parse(text));
    } catch (err) {
      throw new ConfigError(`config file ${file}: not valid JSON (${(err as Error).message})`);
    }
  }
  for (const [name, path] of Object.entries(environmentKeys)) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    const last = path[path.length - 1];
    const parsed =
      last === 'allowedCallingAets' || last === 'trustProxy' || last === 'allow'
        ? value.split(',').map((s) => s.trim()).filter(Boolean)
        : last === 'fsync' || last === 'groupReadable' || last === 'enabled' || last === 'secure'
          ? !['0', 'false', 'no', 'off'].includes(value.toLowerCase())
          : value;
    setPath(raw, path, parsed);
  }
  for (const [key, value] of Object.entries(options.overrides ?? {})) setPath(raw, key.split('.'), value);
  const result = configSchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const key = issue.path.join('.');
      const envName = Object.entries(environmentKeys).find(([, p]) => p.join('.') === key)?.[0];
      return `${key}${envName ? ` (${envName})` : ''}: ${issue.message}`;
    });
    throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
  }
  return result.data;
}

/** Whether this process runs the role (`all` runs every one). */
export function hasRole(config: Pick<FionaConfig, 'roles'>, role: Role): boolean {
  return config.roles.includes('all') || config.roles.includes(role);
}

/** The database URL the config resolves to (SQLite in the data dir unless FIONA_DB_URL says otherwise). */
export function databaseUrl(config: FionaConfig): string {
  return config.db.url ?? `sqlite:${resolve(config.dataDir, 'fiona.sqlite')}`;
}
