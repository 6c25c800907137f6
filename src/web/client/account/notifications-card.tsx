// E-mail notifications: your address, one message a day (digest) or one per event, and per project you
// are a member of what you want to hear about. Saved as a whole with one button.
import { useEffect, useState } from 'preact/hooks';
import type { ApiError, ApiResult } from '../api/client.js';
import { api } from '../api/client.js';
import { Field } from '../ui/field.js';
import { Loading } from '../ui/page.js';
import { toast } from '../ui/toast.js';

type Preferences = ApiResult<'/api/account/notifications', 'get'>;
type Kind = Preferences['kinds'][number]['kind'];

/** Column headings; each checkbox is named with the full label. */
const SHORT: Record<string, string> = { 'study-arrived': 'Study arrived', 'transfer-failed': 'Transfer failed', 'reconcile-mismatch': 'Reconcile mismatch', 'pixel-review': 'Pixel review', 'approval-ending': 'Ethics approval ends' };

export function NotificationsCard() {
  const [prefs, setPrefs] = useState<Preferences | null>(null);
  const [email, setEmail] = useState('');
  const [digest, setDigest] = useState(false);
  const [chosen, setChosen] = useState<Record<string, Kind[]>>({});
  const [error, setError] = useState('');
  const [saving, setSaving] = useState(false);

  const show = (p: Preferences) => {
    setPrefs(p);
    setEmail(p.email ?? '');
    setDigest(p.digest);
    setChosen(Object.fromEntries(p.projects.map((x) => [x.project, x.kinds])));
  };
  useEffect(() => {
    api.get('/api/account/notifications').then(show, (err: ApiError) => setError(err.message));
  }, []);

  const toggle = (project: string, kind: Kind, on: boolean) =>
    setChosen((c) => ({ ...c, [project]: on ? [...(c[project] ?? []).filter((k) => k !== kind), kind] : (c[project] ?? []).filter((k) => k !== kind) }));

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setError('');
    setSaving(true);
    try {
      const saved = await api.put('/api/account/notifications', {
        body: { email: email.trim() || null, digest, projects: Object.entries(chosen).map(([project, kinds]) => ({ project, kinds })) },
      });
      show(saved);
      toast('Notification settings saved.', 'ok');
    } catch (err) {
      setError((err as ApiError).message.replace(/^email: /, 'E-mail: '));
    } finally {
      setSaving(false);
    }
  };

  return (
    <section class="card form-card account-card notifications-card" aria-labelledby="notifications-title">
      <h2 id="notifications-title">E-mail notifications</h2>
      <p class="muted section-lead">
        Messages name the project and counts, never a patient.
        {prefs && !prefs.mailEnabled ? ' This installation does not send e-mail yet; your choices are kept for when it does.' : ''}
      </p>
      {!prefs ? (
        error ? <p class="form-error">{error}</p> : <Loading />
      ) : (
        <form class="inline-form" noValidate aria-label="E-mail notifications" onSubmit={submit}>
          <Field label="E-mail address">
            <input name="email" type="email" autocomplete="email" maxLength={254} placeholder="name@example.org" value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
          </Field>
          <label class="check">
            <input type="checkbox" name="digest" checked={digest} onChange={(e) => setDigest(e.currentTarget.checked)} /> One daily digest instead of a message per event
          </label>
          {prefs.projects.length === 0 ? (
            <p class="empty-inline">You are not a member of a project yet.</p>
          ) : (
            <div class="table-wrap">
              <table class="data-table notifications">
                <caption class="visually-hidden">What you hear about, per project</caption>
                <thead>
                  <tr>
                    <th scope="col">Project</th>
                    {prefs.kinds.map((k) => (
                      <th scope="col" key={k.kind} title={k.label}>
                        {SHORT[k.kind] ?? k.label}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {prefs.projects.map((p) => (
                    <tr key={p.project}>
                      <th scope="row">{p.project}</th>
                      {prefs.kinds.map((k) => (
                        <td key={k.kind}>
                          <input
                            type="checkbox"
                            aria-label={`${p.project}: ${k.label}`}
                            checked={(chosen[p.project] ?? []).includes(k.kind)}
                            onChange={(e) => toggle(p.project, k.kind, e.currentTarget.checked)}
                          />
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <p class="form-error" role="alert">
            {error}
          </p>
          <button type="submit" class="primary" disabled={saving}>
            Save notifications
          </button>
        </form>
      )}
    </section>
  );
}
