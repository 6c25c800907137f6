// The Assign page: the quarantine, newest first, live (server-sent events from /api/events); a search
// over accession number, date, modality, description and station; select a study to assign it. The page
// asks for what it shows: the newest page first, older pages as the list is scrolled to its end (a keyset
// cursor, so years of arrivals cost nothing until someone looks), and a search also asks the server, so a
// study older than the pages loaded is found.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ApiError } from '../api/client.js';
import { api } from '../api/client.js';
import { may } from '../api/roles.js';
import type { Project, Study, Transfer } from '../api/types.js';
import type { PageProps } from '../pages.js';
import { latestByStudy, useTransfers } from '../transfers/feed.js';
import { plural } from '../ui/format.js';
import { PageHeading } from '../ui/page.js';
import { toast } from '../ui/toast.js';
import { AssignForm } from './assign-form.js';
import { useStudyEvents, useTicker } from './live.js';
import { StudyCard, studyMatches } from './study-card.js';
import { suggestProject, type PastAssignment } from './suggest.js';

const PAGE = 100;

const newestFirst = (a: Study, b: Study) => (b.lastReceivedAt ?? '').localeCompare(a.lastReceivedAt ?? '') || b.studyInstanceUid.localeCompare(a.studyInstanceUid);

export function AssignPage({ session }: PageProps) {
  const [studies, setStudies] = useState(new Map<string, Study>());
  const [fresh, setFresh] = useState(new Set<string>());
  const [loaded, setLoaded] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [assignable, setAssignable] = useState<Project[]>([]);
  const [search, setSearch] = useState('');
  const [hideAssigned, setHideAssigned] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const { transfers, feed } = useTransfers();
  // A transfer just queued here shows at once, until the next poll brings it.
  const [pending, setPending] = useState<{ basis: Transfer[]; byStudy: Map<string, Transfer> } | null>(null);
  const participants = useRef(new Map<string, Promise<string[]>>());
  // Paging: the last study of the last page fetched (not the oldest shown: search results come from anywhere).
  const cursor = useRef<Study | undefined>(undefined);
  const [more, setMore] = useState(false);
  const [loadingMore, setLoadingMore] = useState(false);
  const sentinel = useRef<HTMLDivElement>(null);
  useTicker(60000);

  // Pages and search results never replace what live updates brought (those are newer).
  const merge = (list: Study[]) =>
    setStudies((prev) => {
      const next = new Map(prev);
      for (const s of list) if (!next.has(s.studyInstanceUid)) next.set(s.studyInstanceUid, s);
      return next;
    });
  const paged = (page: Study[]) => {
    cursor.current = page.at(-1) ?? cursor.current;
    setMore(page.length === PAGE);
  };
  const loadOlder = () => {
    const last = cursor.current;
    if (!last || loadingMore) return;
    setLoadingMore(true);
    api
      .get('/api/studies', { query: { limit: PAGE, before: `${last.lastReceivedAt}|${last.studyInstanceUid}` } })
      .then(
        (page) => {
          merge(page);
          paged(page);
        },
        (err: ApiError) => toast(`Older studies could not be loaded: ${err.message}`, 'error'),
      )
      .finally(() => setLoadingMore(false));
  };

  // Scrolling to the end of the list loads the next page.
  useEffect(() => {
    const end = sentinel.current;
    if (!end || !more || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) loadOlder();
    });
    observer.observe(end);
    return () => observer.disconnect();
  });

  // A search asks the server too (after a pause in typing), for studies older than the pages loaded.
  useEffect(() => {
    const text = search.trim();
    if (text.length < 2) return;
    const timer = setTimeout(() => {
      // An exact accession number is the common case and an index look-up: it comes first; the free-text
      // search over every column follows.
      api.get('/api/studies', { query: { accession: text, limit: PAGE } }).then(merge, () => undefined);
      api.get('/api/studies', { query: { search: text, limit: PAGE } }).then(merge, () => undefined);
    }, 300);
    return () => clearTimeout(timer);
  }, [search]);

  const byStudy = useMemo(() => {
    const latest = latestByStudy(transfers);
    if (pending?.basis === transfers) for (const [uid, t] of pending.byStudy) latest.set(uid, t);
    return latest;
  }, [transfers, pending]);

  // First load: the studies and the projects this user may assign to. Studies already sent live are newer.
  useEffect(() => {
    Promise.all([api.get('/api/studies', { query: { limit: PAGE } }), api.get('/api/projects')]).then(
      ([initial, projects]) => {
        setAssignable(projects.filter((p) => may(session, p, 'studies:assign')));
        setStudies((live) => new Map([...initial.map((s) => [s.studyInstanceUid, s] as const), ...live]));
        paged(initial);
        setLoaded(true);
      },
      (err: ApiError) => setLoadError(err.message),
    );
  }, [session]);

  const known = useRef(studies);
  known.current = studies;
  const latestTransfers = useRef(transfers);
  latestTransfers.current = transfers;

  const live = useStudyEvents((study) => {
    if (!known.current.has(study.studyInstanceUid)) setFresh((f) => new Set(f).add(study.studyInstanceUid));
    setStudies((prev) => new Map(prev).set(study.studyInstanceUid, study));
  });

  const participantsOf = async (name: string) => {
    const cache = participants.current;
    if (!cache.has(name)) cache.set(name, api.get('/api/projects/{name}/participants', { path: { name } }).then((ps) => ps.map((p) => p.id)));
    try {
      return await cache.get(name)!;
    } catch (err) {
      cache.delete(name);
      throw err;
    }
  };

  // Earlier assignments, for the project suggestion.
  const history = (): PastAssignment[] =>
    feed.list
      .map((t) => {
        const s = studies.get(t.studyInstanceUid);
        return { project: t.project, studyInstanceUid: t.studyInstanceUid, studyDescription: s?.studyDescription, stationName: s?.stationName, institutionName: s?.institutionName };
      })
      .filter((x) => x.studyDescription || x.stationName || x.institutionName);

  const sorted = [...studies.values()].sort(newestFirst);
  const visible = (study: Study) => studyMatches(study, search) && !(hideAssigned && byStudy.has(study.studyInstanceUid));
  const shown = sorted.filter(visible).length;

  return (
    <section class="page">
      <div class="page-head">
        <div>
          <PageHeading>Assign</PageHeading>
          <p class="muted lead">Find your study — by accession number or the date and time of the scan — and assign it to a project, participant and event. Patient names and IDs are never shown.</p>
        </div>
      </div>
      <div class="toolbar" role="search">
        <div class="search-field">
          <label for="study-search">Search</label>
          <input id="study-search" type="search" name="search" placeholder="Accession, date, modality, description, station…" autocomplete="off" value={search} onInput={(e) => setSearch(e.currentTarget.value)} />
        </div>
        <label class="check">
          <input type="checkbox" name="hide-assigned" checked={hideAssigned} onChange={(e) => setHideAssigned(e.currentTarget.checked)} />
          Hide assigned studies
        </label>
      </div>
      <div class="list-head">
        <p class="list-count" aria-live="polite">
          {studies.size === 0 ? '' : shown === studies.size ? `Study list · ${plural(studies.size, 'entry', 'entries')}` : `Study list · ${shown} of ${plural(studies.size, 'entry', 'entries')} shown`}
        </p>
        <span class={`live live-${live.state}`}>
          <span class="dot" aria-hidden="true" />
          {live.text}
        </span>
      </div>
      <ol class="study-list" aria-label="Studies in the quarantine">
        {sorted.map((study) => {
          const uid = study.studyInstanceUid;
          return (
            <StudyCard
              key={uid}
              study={study}
              transfer={byStudy.get(uid)}
              open={selected === uid}
              fresh={fresh.has(uid)}
              hidden={!visible(study)}
              onOpen={() => setSelected(uid)}
              onClose={() => setSelected((s) => (s === uid ? null : s))}
              form={(close) => (
                <AssignForm
                  study={study}
                  projects={assignable}
                  participantsOf={participantsOf}
                  suggestion={suggestProject(study, history(), assignable.filter((p) => p.acceptsAssignments).map((p) => p.name))}
                  onCancel={close}
                  onAssigned={(result, choice) => {
                    toast(`Assigned to ${choice.project} · ${choice.participant} · ${choice.event}. The transfer is queued.`, 'ok');
                    participants.current.delete(choice.project);
                    const basis = latestTransfers.current;
                    setPending((p) => ({ basis, byStudy: new Map(p?.basis === basis ? p.byStudy : []).set(uid, result) }));
                    close();
                    void feed.refresh();
                  }}
                />
              )}
            />
          );
        })}
      </ol>
      <div ref={sentinel} class="list-more">
        {more && (
          <button type="button" class="secondary" onClick={loadOlder} disabled={loadingMore}>
            {loadingMore ? 'Loading older studies…' : 'Load older studies'}
          </button>
        )}
      </div>
      <EmptyList total={studies.size} shown={shown} loaded={loaded || studies.size > 0} loadError={loadError} />
    </section>
  );
}

function EmptyList({ total, shown, loaded, loadError }: { total: number; shown: number; loaded: boolean; loadError: string | null }) {
  if (loadError)
    return (
      <div class="empty">
        <p class="empty-title">The study list could not be loaded</p>
        <p>{loadError}</p>
      </div>
    );
  if (shown > 0 || !loaded) return <div class="empty" hidden />;
  return total === 0 ? (
    <div class="empty">
      <p class="empty-title">The quarantine is empty</p>
      <p>Studies sent to Fiona appear here within seconds of arriving.</p>
    </div>
  ) : (
    <div class="empty">
      <p class="empty-title">No study matches</p>
      <p>Try the accession number, a date like 2024-02-29, a modality or a station name.</p>
    </div>
  );
}
