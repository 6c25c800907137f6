// Requests waiting for you: applications for new projects (site admins: approve with the research PACS
// the project sends to, ask for changes, or decline, always with a reason) and corrections of assignments
// in projects you own (never your own: four eyes).
import { useEffect, useState } from 'preact/hooks';
import { api, type ApiError } from '../api/client.js';
import type { Application, Correction } from '../api/types.js';
import type { PageProps } from '../pages.js';
import { dateTime } from '../ui/format.js';
import { Field } from '../ui/field.js';
import { inputValue, Loading, PageHeading, Section } from '../ui/page.js';
import { toast } from '../ui/toast.js';

function ApplicationCard({ a, onDone }: { a: Application; onDone: () => Promise<void> }) {
  const [reason, setReason] = useState('');
  const [aet, setAet] = useState('');
  const [host, setHost] = useState('');
  const [port, setPort] = useState('104');
  const [error, setError] = useState('');
  const act = async (verb: 'approve' | 'request-changes' | 'decline') => {
    setError('');
    try {
      const path = { id: a.id };
      if (verb === 'approve') await api.post('/api/applications/{id}/approve', { path, body: { destination: { aet: aet.trim(), host: host.trim(), port: Number(port) }, ...(reason.trim() ? { reason } : {}) } });
      else if (verb === 'decline') await api.post('/api/applications/{id}/decline', { path, body: { reason } });
      else await api.post('/api/applications/{id}/request-changes', { path, body: { reason } });
      toast(`${a.form.name}: ${verb === 'approve' ? 'approved' : verb === 'decline' ? 'declined' : 'changes asked for'}`, 'ok');
      await onDone();
    } catch (err) {
      setError((err as ApiError).message);
    }
  };
  const f = a.form;
  return (
    <article class="card" aria-label={`Application for ${f.name}`}>
      <h3>{f.name}</h3>
      <p>
        {a.applicant}, {dateTime(a.createdAt)}. REK {f.rekNumber}, {f.startDate} – {f.endDate}. PI {f.principalInvestigator}. {f.modalities.join(', ')}; {f.expectedVolume}. Pattern <code>{f.participantPattern}</code>, events {f.events.join(', ')}.
      </p>
      <p>{f.description}</p>
      <div class="form-grid">
        <Field label="Research PACS AE title">
          <input value={aet} onInput={inputValue(setAet)} />
        </Field>
        <Field label="Research PACS host">
          <input value={host} onInput={inputValue(setHost)} />
        </Field>
        <Field label="Research PACS port">
          <input value={port} inputMode="numeric" onInput={inputValue(setPort)} />
        </Field>
        <Field label="Reason" hint="Required to decline or ask for changes">
          <input value={reason} onInput={inputValue(setReason)} />
        </Field>
      </div>
      <p class="form-error" role="alert">
        {error}
      </p>
      <div class="actions">
        <button type="button" class="primary" onClick={() => void act('approve')}>
          Approve
        </button>
        <button type="button" onClick={() => void act('request-changes')}>
          Ask for changes
        </button>
        <button type="button" onClick={() => void act('decline')}>
          Decline
        </button>
      </div>
    </article>
  );
}

function CorrectionCard({ c, onDone }: { c: Correction; onDone: () => Promise<void> }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const act = async (verb: 'approve' | 'reject') => {
    setError('');
    try {
      if (verb === 'approve') await api.post('/api/corrections/{id}/approve', { path: { id: c.id }, body: reason.trim() ? { reason } : {} });
      else await api.post('/api/corrections/{id}/reject', { path: { id: c.id }, body: { reason } });
      toast(`Correction ${verb === 'approve' ? 'approved' : 'rejected'}`, 'ok');
      await onDone();
    } catch (err) {
      setError((err as ApiError).message);
    }
  };
  return (
    <article class="card" aria-label={`Correction in ${c.project}`}>
      <h3>
        {c.project}: study {c.studyInstanceUid}
      </h3>
      <p>
        {c.requestedBy} asks ({dateTime(c.requestedAt)}) to move it from participant {c.from.participant}, event {c.from.event} {c.to ? `to participant ${c.to.participant}, event ${c.to.event}` : 'out of the project'}: “{c.reason}”.
      </p>
      <Field label="Reason" hint="Required to reject">
        <input value={reason} onInput={inputValue(setReason)} />
      </Field>
      <p class="form-error" role="alert">
        {error}
      </p>
      <div class="actions">
        <button type="button" class="primary" onClick={() => void act('approve')}>
          Approve
        </button>
        <button type="button" onClick={() => void act('reject')}>
          Reject
        </button>
      </div>
    </article>
  );
}

export function RequestsPage({ session }: PageProps) {
  const [applications, setApplications] = useState<Application[] | null>(null);
  const [corrections, setCorrections] = useState<Correction[]>([]);
  const me = session.user;
  const load = async () => {
    setApplications(me.isAdmin ? (await api.get('/api/applications')).filter((a) => a.status === 'pending') : []);
    const decidable = (await api.get('/api/projects')).filter((p) => me.isAdmin || p.myRole === 'owner');
    const lists = await Promise.all(decidable.map((p) => api.get('/api/projects/{name}/corrections', { path: { name: p.name } })));
    setCorrections(lists.flat().filter((c) => c.status === 'pending' && c.requestedBy !== me.username));
  };
  useEffect(() => void load(), []);
  if (applications === null) return <Loading />;
  return (
    <section class="page requests">
      <div class="page-head">
        <PageHeading>Requests</PageHeading>
      </div>
      {me.isAdmin ? (
        <Section title="Applications">
          {applications.length === 0 ? <p class="muted">No application waits.</p> : applications.map((a) => <ApplicationCard key={a.id} a={a} onDone={load} />)}
        </Section>
      ) : null}
      <Section title="Corrections">
        {corrections.length === 0 ? <p class="muted">No correction waits for you.</p> : corrections.map((c) => <CorrectionCard key={c.id} c={c} onDone={load} />)}
      </Section>
    </section>
  );
}
