// E-mail notifications end to end with a real SMTP server (Debian's python3-aiosmtpd, started by the test,
// writing what it accepts into a Maildir) and a real research PACS (Orthanc): members' choices are
// respected, messages carry no patient identity (known identifying values are planted in the study and
// searched for in every received message), an SMTP server that is down delays mail without blocking a
// request and delivers it once back, the daily digest gathers a member's messages, ethics-approval
// warnings go out once per step, and the issue-17 messages (applications, access requests) arrive.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDicom } from '../src/dicom/parse.js';
import { findText } from '../src/dicom/values.js';
import { findFreePort, runDcmtk } from './support/dcmtk.js';
import { runFiona, startTestFiona, tempDir, TESTDATA, type TestFiona } from './support/fiona.js';
import { adminToken, apiCaller, orthancStudies, projectFor, storescu, uniqueUid, until, waitForStudy, writeStudy } from './support/forwarding.js';
import { startOrthanc, type RunningOrthanc } from './support/orthanc.js';
import { startSmtp, type ReceivedMail, type RunningSmtp } from './support/smtp.js';

const work = tempDir('fiona-mail-');
let smtp: RunningSmtp;
let orthanc: RunningOrthanc;
let fiona: TestFiona;
let admin: ReturnType<typeof apiCaller>;
const as: Record<string, ReturnType<typeof apiCaller>> = {};

// Identifying values of the test patient: none may appear in any message.
const PATIENT_NAME = 'Nordmann^Kari^Ingrid';
const PATIENT_ID = '17056512345';
const ACCESSION = 'ACCX99812';
const STUDY_UID = uniqueUid();
const STUDY_DATE = '20240305';
const IDENTIFYING = [PATIENT_ID, ACCESSION, STUDY_UID, STUDY_DATE, '2024-03-05', 'Nordmann', 'Kari', 'Ingrid'];

const today = new Date().toISOString().slice(0, 10);
const inDays = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const mailTo = (user: string) => smtp.messages().filter((m) => m.to.includes(`${user}@example.org`));
const waitForMail = (user: string, subject: RegExp, timeoutMs = 30_000): Promise<ReceivedMail> =>
  until(`mail to ${user} matching ${subject}`, async () => mailTo(user).find((m) => subject.test(m.subject)), timeoutMs, 100);

async function user(name: string, role: string | null, project = 'Notify'): Promise<void> {
  expect((await admin('POST', '/api/users', { username: name, password: 'correct horse battery staple' })).statusCode).toBe(201);
  if (role) expect((await admin('POST', `/api/projects/${project}/members`, { username: name, role })).statusCode).toBe(201);
  const secret = (await fiona.services.auth.createToken(name, 'mail tests', { userId: null, username: 'test', via: 'system' })).secret;
  as[name] = apiCaller(fiona, secret);
  tokens[name] = `Bearer ${secret}`;
}

const tokens: Record<string, string> = {};
function put(name: string, body: unknown) {
  return fiona.http.inject({ method: 'PUT', url: '/api/account/notifications', headers: { authorization: tokens[name] }, payload: body as object });
}

beforeAll(async () => {
  [smtp, orthanc] = await Promise.all([startSmtp(join(work, 'maildir')), startOrthanc({ aeTitle: 'MAILPACS' })]);
  fiona = await startTestFiona({
    'mail.enabled': true,
    'mail.host': '127.0.0.1',
    'mail.port': smtp.port,
    'mail.from': 'fiona@example.org',
    'mail.intervalSeconds': 0.5,
    'mail.retryBaseSeconds': 0.3,
    'mail.retryMaxSeconds': 1,
    // The scheduled check of the research PACS every 1.5 s instead of every hour.
    'forward.reconcileMinutes': 0.025,
    'forward.retryBaseSeconds': 0.3,
    'forward.retryMaxSeconds': 1,
  });
  const secret = await adminToken(fiona);
  tokens.admin = `Bearer ${secret}`;
  admin = apiCaller(fiona, secret);
  expect((await admin('POST', '/api/projects', projectFor(orthanc, 'Notify'))).statusCode).toBe(201);
  // A project whose research PACS does not answer (its transfers fail), whose ethics approval ends in 30 days.
  expect((await admin('POST', '/api/projects', { ...projectFor(orthanc, 'NotifyDn'), destination: { aet: 'NOBODY', host: '127.0.0.1', port: await findFreePort() }, startDate: inDays(-300), endDate: inDays(30) })).statusCode).toBe(201);
  for (const [name, role] of [['alice', 'owner'], ['bob', 'viewer'], ['carol', 'data-manager']] as const) await user(name, role);
  expect((await admin('POST', '/api/projects/NotifyDn/members', { username: 'alice', role: 'owner' })).statusCode).toBe(201);
}, 60_000);

afterAll(async () => {
  await fiona?.close();
  await Promise.all([smtp?.stop(), orthanc?.remove()]);
  rmSync(work, { recursive: true, force: true });
});

describe('e-mail notifications', () => {
  it('keeps each member\'s choices: own projects only, an address to subscribe', async () => {
    const initial = (await as.alice('GET', '/api/account/notifications')).json();
    expect(initial).toMatchObject({ mailEnabled: true, email: null, digest: false });
    expect(initial.projects).toEqual([
      { project: 'Notify', role: 'owner', kinds: [] },
      { project: 'NotifyDn', role: 'owner', kinds: [] },
    ]);
    expect((await put('bob', { email: 'bob@example.org', digest: false, projects: [{ project: 'NotifyDn', kinds: ['study-arrived'] }] })).statusCode).toBe(422);
    expect((await put('alice', { email: null, digest: false, projects: [{ project: 'Notify', kinds: ['study-arrived'] }] })).statusCode).toBe(422);
    expect((await put('alice', { email: 'not an address', digest: false, projects: [] })).statusCode).toBe(422);

    const all = ['study-arrived', 'transfer-failed', 'reconcile-mismatch', 'pixel-review', 'approval-ending'];
    const saved = await put('alice', { email: 'alice@example.org', digest: false, projects: [{ project: 'Notify', kinds: all }, { project: 'NotifyDn', kinds: ['transfer-failed'] }] });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().projects).toEqual([
      { project: 'Notify', role: 'owner', kinds: all },
      { project: 'NotifyDn', role: 'owner', kinds: ['transfer-failed'] },
    ]);
    // Bob has an address but chooses nothing; Carol wants study arrivals in a daily digest.
    expect((await put('bob', { email: 'bob@example.org', digest: false, projects: [] })).statusCode).toBe(200);
    expect((await put('carol', { email: 'carol@example.org', digest: true, projects: [{ project: 'Notify', kinds: ['study-arrived'] }] })).statusCode).toBe(200);
    expect((await put('admin', { email: 'admin@example.org', digest: false, projects: [] })).statusCode).toBe(200);
  });

  it('mails a study\'s arrival, a failed transfer and a reconcile mismatch to those who asked, without patient identity', { timeout: 60_000 }, async () => {
    const dir = join(work, 'study');
    writeStudy(dir, { studyUid: STUDY_UID, series: [{ uid: `${STUDY_UID}.1`, count: 3, number: 1 }], accessionNumber: ACCESSION, patientId: PATIENT_ID, patientName: PATIENT_NAME, studyDate: STUDY_DATE });
    await storescu(fiona.dicomPort(), [dir]);
    await waitForStudy(fiona, STUDY_UID, 3, true);
    expect((await admin('POST', `/api/studies/${STUDY_UID}/assign`, { project: 'Notify', participant: 'P-001', event: 'baseline' })).statusCode).toBe(202);
    expect((await admin('POST', `/api/studies/${STUDY_UID}/assign`, { project: 'NotifyDn', participant: 'P-002', event: 'baseline' })).statusCode).toBe(202);
    await until('the transfer to Notify to be done', async () => (await fiona.services.transfers.list({ projects: ['Notify'] }))[0]?.status === 'done', 30_000);

    const arrived = await waitForMail('alice', /New study in project Notify$/);
    expect(arrived.body).toContain('3 instances sent, 3 confirmed');
    const failed = await waitForMail('alice', /A transfer of project NotifyDn failed/);
    expect(failed.body).toContain('Fiona tries again by itself');

    // The gap: an instance deleted from the research PACS, seen by the scheduled check.
    const held = (await orthancStudies(orthanc)).find((s) => s.PatientMainDicomTags.PatientID === 'P-001')!;
    const instances = await orthanc.rest<Array<{ ID: string }>>(`/studies/${held.ID}/instances`);
    await orthanc.rest(`/instances/${instances[0].ID}`, { method: 'DELETE' });
    const mismatch = await waitForMail('alice', /holds less than was sent/);
    expect(mismatch.body).toContain('for 1 study of 1');

    // The failing transfer retried meanwhile (several attempts), and mailed once.
    const attempts = (await fiona.services.transfers.list({ projects: ['NotifyDn'] }))[0]?.attempts ?? 0;
    expect(attempts).toBeGreaterThan(1);
    expect(mailTo('alice').filter((m) => /NotifyDn failed/.test(m.subject))).toHaveLength(1);
    // Bob chose nothing; Carol's arrival waits for her digest.
    expect(mailTo('bob')).toEqual([]);
    expect(mailTo('carol')).toEqual([]);
    const outbox = await fiona.db.kysely.selectFrom('mail_outbox').select(['to_address', 'status', 'subject']).execute();
    expect(outbox.filter((m) => m.to_address === 'carol@example.org')).toEqual([{ to_address: 'carol@example.org', status: 'digest', subject: '[Fiona] New study in project Notify' }]);

    for (const m of smtp.messages()) for (const value of IDENTIFYING) expect(m.raw, `${value} in "${m.subject}"`).not.toContain(value);
    for (const m of smtp.messages()) for (const value of IDENTIFYING) expect(m.body).not.toContain(value);
  });

  it('mails that a study waits for pixel review (not that its transfer failed)', { timeout: 40_000 }, async () => {
    // A JPEG 2000 header no decoder can read: the pixel stage cannot decide, so the instance waits for a person.
    const source = Buffer.from(readFileSync(join(TESTDATA, 'tricky/transfer_syntax/MR_small_jp2klossless.dcm')));
    const soc = source.indexOf(Buffer.from([0xff, 0x4f, 0xff, 0x51]));
    source.fill(0xff, soc + 8, soc + 40);
    const path = join(work, 'broken-j2k.dcm');
    writeFileSync(path, source);
    const sent = await runDcmtk('dcmsend', ['-aec', 'FIONA', '-aet', 'MODALITY', '--decompress-never', '127.0.0.1', String(fiona.dicomPort()), path], { timeoutMs: 30_000 });
    expect(sent.code, sent.stderr).toBe(0);
    const parsed = parseDicom(source);
    const studyUid = findText(parsed.buffer, parsed.dataset, 0x0020000d)!.trim();
    await waitForStudy(fiona, studyUid, 1, false);
    expect((await admin('POST', `/api/studies/${studyUid}/assign`, { project: 'Notify', participant: 'P-003', event: 'baseline' })).statusCode).toBe(202);

    const review = await waitForMail('alice', /Pixel review waiting in project Notify/);
    expect(review.body).toContain('1 instance of a study for project Notify waits for a pixel review');
    expect(mailTo('alice').filter((m) => /transfer of project Notify failed/.test(m.subject))).toEqual([]);
    for (const value of [studyUid, findText(parsed.buffer, parsed.dataset, 0x00100020)?.trim(), findText(parsed.buffer, parsed.dataset, 0x00100010)?.trim()].filter((v): v is string => !!v)) {
      expect(review.raw).not.toContain(value);
    }
  });

  it('queues mail while the SMTP server is down, never blocking the request, and delivers it once it is back', { timeout: 40_000 }, async () => {
    await smtp.stop();
    const started = Date.now();
    const form = { name: 'MailApp1', rekNumber: 'REK-2026/77', startDate: inDays(-1), endDate: inDays(365), principalInvestigator: 'Prof. Example', description: 'Notification test', modalities: ['MR'], expectedVolume: '10 participants', participantPattern: 'M-\\d{3}', events: ['baseline'], agreementAccepted: true };
    const applied = await as.carol('POST', '/api/applications', form);
    expect(applied.statusCode).toBe(201);
    const access = await as.bob('POST', '/api/projects/NotifyDn/access-requests', { message: 'please' });
    expect(access.statusCode).toBeLessThan(300);
    expect(Date.now() - started).toBeLessThan(5000);

    const failedAttempt = await until('a failed send attempt to the admin', async () => {
      const row = await fiona.db.kysely.selectFrom('mail_outbox').selectAll().where('to_address', '=', 'admin@example.org').executeTakeFirst();
      return row && Number(row.attempts) >= 1 && row.status === 'queued' ? row : undefined;
    });
    expect(failedAttempt.last_error).toBeTruthy();
    expect(mailTo('admin')).toEqual([]);

    await smtp.start();
    const toAdmin = await waitForMail('admin', /Project application: MailApp1/);
    expect(toAdmin.body).toContain('carol applied for the project MailApp1');
    const toOwner = await waitForMail('alice', /Access request for NotifyDn/);
    expect(toOwner.body).toContain('bob asks for access');

    const id = applied.json().id as string;
    expect((await admin('POST', `/api/applications/${id}/decline`, { reason: 'Use the existing project Notify.' })).statusCode).toBe(200);
    const declined = await waitForMail('carol', /Your application for MailApp1/);
    expect(declined.body).toContain('was declined');
    expect(declined.body).toContain('Reason: Use the existing project Notify.');
  });

  it('sends each ethics-approval warning once, and the daily digest after its hour', { timeout: 30_000 }, async () => {
    expect(await fiona.services.notifications.approvalWarnings(today)).toBe(1); // alice, owner of NotifyDn
    expect(await fiona.services.notifications.approvalWarnings(today)).toBe(0);
    const warning = await waitForMail('alice', /Ethics approval of NotifyDn ends in 30 days/);
    expect(warning.body).toContain(`ends on ${inDays(30)}`);

    const tomorrow = new Date(Date.parse(`${inDays(1)}T07:00:00Z`));
    await fiona.mail!.runOnce(tomorrow);
    const digest = await waitForMail('carol', /Daily digest: 1 notification$/);
    expect(digest.body).toContain('New study in project Notify');
    expect(digest.body).toContain('3 instances sent');
    for (const value of IDENTIFYING) expect(digest.raw).not.toContain(value);
  });

  it('fiona doctor says whether the SMTP server answers and what waits in the outbox', { timeout: 30_000 }, async () => {
    const env = { FIONA_DATA_DIR: fiona.dataDir, FIONA_MAIL_ENABLED: 'true', FIONA_MAIL_HOST: '127.0.0.1', FIONA_MAIL_PORT: String(smtp.port) };
    const up = await runFiona(['doctor'], env);
    expect(up.stdout).toContain(`ok    mail: SMTP 127.0.0.1:${smtp.port} answers`);
    expect(up.stdout).toMatch(/ok {4}mail outbox: 0 queued, \d+ sent, 0 given up/);
    const down = await runFiona(['doctor'], { ...env, FIONA_MAIL_PORT: String(await findFreePort()) });
    expect(down.stdout).toMatch(/FAIL {2}mail: SMTP 127\.0\.0\.1:\d+: .*messages wait in the outbox/);
  });
});
