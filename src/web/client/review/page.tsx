// Review (issue 10): every tag path a project released, with VR, counts, distinct values, samples and flags
// that point at what may still identify someone; new paths are marked until a data manager acknowledges
// them. Filter by flag, search, sort; CSV download. De-identified values only.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client.js';
import type { TagRow } from '../api/types.js';
import type { PageProps } from '../pages.js';
import { plural } from '../ui/format.js';
import { DataTable, inputValue, Loading, PageHeading } from '../ui/page.js';
import { Refusals } from './refusals.js';

const FLAGS = ['person-name', 'date', 'id', 'free-text', 'private'] as const;
type Flag = (typeof FLAGS)[number];
type Sort = 'instances' | 'path' | 'distinct';

export function ReviewPage(_props: PageProps) {
  const [projects, setProjects] = useState<string[] | null>(null);
  const [project, setProject] = useState(() => new URLSearchParams(location.search).get('project') ?? '');
  const [flag, setFlag] = useState<Flag | ''>('');
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<Sort>('instances');
  const [data, setData] = useState<{ total: number; newPaths: number; rows: TagRow[] } | null>(null);
  const [error, setError] = useState('');

  useEffect(() => {
    api.get('/api/pixel-reviews/counts').then(
      (c) => {
        const names = Object.keys(c).sort();
        setProjects(names);
        setProject((p) => (p && names.includes(p) ? p : (names[0] ?? '')));
      },
      (err: Error) => setError(err.message),
    );
  }, []);

  const load = async () => {
    if (!project) return;
    history.replaceState(null, '', `/review?project=${encodeURIComponent(project)}`);
    try {
      setData(await api.get('/api/projects/{name}/review/tags', { path: { name: project }, query: { sort, ...(flag ? { flag } : {}), ...(search ? { search } : {}) } }));
      setError('');
    } catch (err) {
      setError((err as Error).message);
    }
  };
  useEffect(() => void load(), [project, flag, sort, search]);

  const acknowledge = async () => {
    try {
      await api.post('/api/projects/{name}/review/tags/acknowledge', { path: { name: project } });
      await load();
    } catch (err) {
      setError((err as Error).message);
    }
  };

  const csvHref = `/api/projects/${encodeURIComponent(project)}/review/tags.csv?sort=${sort}${flag ? `&flag=${flag}` : ''}${search ? `&search=${encodeURIComponent(search)}` : ''}`;
  return (
    <section class="page">
      <div class="page-head">
        <div>
          <PageHeading>Review</PageHeading>
          <p class="muted" aria-live="polite">
            {data ? `${plural(data.total, 'tag path')}${data.newPaths ? `, ${data.newPaths} new` : ''}.` : ''}
          </p>
        </div>
      </div>
      <p class="muted lead">Every tag in what the project released, de-identified. Check the flagged ones before you share the data.</p>
      {error ? (
        <p class="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {projects === null ? (
        <Loading />
      ) : projects.length === 0 ? (
        <div class="empty">
          <p class="empty-title">Nothing to review</p>
          <p>You review data in no project (data managers and owners do).</p>
        </div>
      ) : (
        <>
          <div class="toolbar">
            <div class="search-field">
              <label for="review-tags-project">Project</label>
              <select id="review-tags-project" value={project} onChange={inputValue(setProject)}>
                {projects.map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            </div>
            <div class="search-field">
              <label for="review-tags-flag">Flag</label>
              <select id="review-tags-flag" value={flag} onChange={inputValue((v) => setFlag(v as Flag | ''))}>
                <option value="">All tags</option>
                {FLAGS.map((f) => (
                  <option key={f} value={f}>
                    {f}
                  </option>
                ))}
              </select>
            </div>
            <div class="search-field">
              <label for="review-tags-search">Search</label>
              <input id="review-tags-search" type="search" value={search} onChange={inputValue(setSearch)} />
            </div>
            <div class="search-field">
              <label for="review-tags-sort">Sort by</label>
              <select id="review-tags-sort" value={sort} onChange={inputValue((v) => setSort(v as Sort))}>
                <option value="instances">Instances</option>
                <option value="distinct">Distinct values</option>
                <option value="path">Tag path</option>
              </select>
            </div>
            <a class="button" href={csvHref} download>
              Download CSV
            </a>
            {data?.newPaths ? (
              <button type="button" onClick={() => void acknowledge()}>
                {`Mark ${plural(data.newPaths, 'new path')} reviewed`}
              </button>
            ) : null}
            <a class="button" href={`/projects/${encodeURIComponent(project)}/dry-run`}>
              Dry run a study
            </a>
          </div>
          {project ? <Refusals key={project} project={project} /> : null}
          <h2>Tags released</h2>
          {data === null ? (
            <Loading />
          ) : data.rows.length === 0 ? (
            <div class="empty">
              <p class="empty-title">No tags</p>
              <p>{`Nothing ${flag || search ? 'matches' : `released from ${project} yet`}.`}</p>
            </div>
          ) : (
            <>
              {data.total > data.rows.length ? <p class="muted">{`The first ${data.rows.length} of ${data.total} tag paths; narrow the list with a flag or a search.`}</p> : null}
              <DataTable
                caption={`Tags released by ${project}`}
                rowKey={(r) => r.path}
                rowClass={(r) => (r.isNew ? 'row-new' : undefined)}
                rows={data.rows}
                columns={[
                  { label: 'Tag path', value: (r) => <span class="mono">{r.path}</span> },
                  { label: 'Name', value: (r) => (r.isNew ? <>{r.name} <span class="tag">new</span></> : r.name) },
                  { label: 'VR', value: (r) => r.vr },
                  { label: 'Instances', value: (r) => r.instances },
                  { label: 'Distinct', value: (r) => `${r.distinctValues}${r.distinctCapped ? '+' : ''}` },
                  { label: 'Samples', value: (r) => <span class="mono small">{r.samples.join(' | ')}</span> },
                  { label: 'Flags', value: (r) => r.flags.map((f) => <span key={f} class="tag tag-closed">{f}</span>) },
                ]}
              />
            </>
          )}
        </>
      )}
    </section>
  );
}
