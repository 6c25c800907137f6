// Pixel review (DEID-SPEC section 7): images whose burned-in text Fiona could not decide wait here, per
// project and counted, until a data manager decides. The list is on the left; the chosen image, with its
// proposed masks drawn, on the right (frame-editor.tsx). Nothing leaves until a decision is made.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client.js';
import type { PixelReview } from '../api/types.js';
import type { PageProps } from '../pages.js';
import { dateTime, plural } from '../ui/format.js';
import { inputValue, Loading, PageHeading } from '../ui/page.js';
import { FrameEditor } from './frame-editor.js';

export function PixelReviewPage(_props: PageProps) {
  const [counts, setCounts] = useState<Record<string, number> | null>(null);
  const [error, setError] = useState('');
  const [project, setProject] = useState(() => new URLSearchParams(location.search).get('project') ?? '');
  const [reviews, setReviews] = useState<PixelReview[] | null>(null);
  const [chosen, setChosen] = useState<PixelReview | null>(null);

  const loadCounts = async () => {
    try {
      const c = await api.get('/api/pixel-reviews/counts');
      setCounts(c);
      setProject((p) => (p && p in c ? p : (Object.keys(c).sort()[0] ?? '')));
    } catch (err) {
      setError((err as Error).message);
    }
  };

  const loadReviews = async (name: string) => {
    setChosen(null);
    setReviews(null);
    if (!name) return;
    // The chosen project in the address (a bookmark or reload keeps it), without routing again.
    history.replaceState(null, '', `/pixel-review?project=${encodeURIComponent(name)}`);
    try {
      const data = await api.get('/api/projects/{name}/pixel-reviews', { path: { name } });
      setReviews(data.reviews);
      setCounts((c) => (c ? { ...c, [name]: data.pending } : c));
    } catch (err) {
      setError((err as Error).message);
    }
  };

  useEffect(() => void loadCounts(), []);
  useEffect(() => void loadReviews(project), [project]);

  const names = counts ? Object.keys(counts).sort() : [];
  const total = counts ? Object.values(counts).reduce((a, b) => a + b, 0) : 0;
  return (
    <section class="page">
      <div class="page-head">
        <div>
          <PageHeading>Pixel review</PageHeading>
          <p class="muted" aria-live="polite">
            {counts ? `${plural(total, 'image')} waiting in ${plural(names.length, 'project')}.` : ''}
          </p>
        </div>
      </div>
      <p class="muted lead">Images whose burned-in text Fiona could not decide on its own. They are not sent until you decide.</p>
      {error ? (
        <p class="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {counts === null ? (
        <Loading />
      ) : names.length === 0 ? (
        <div class="empty">
          <p class="empty-title">Nothing to review</p>
          <p>You review pixels in no project (data managers and owners do).</p>
        </div>
      ) : (
        <>
          <div class="toolbar">
            <div class="search-field">
              <label for="review-project">Project</label>
              <select id="review-project" value={project} onChange={inputValue(setProject)}>
                {names.map((n) => (
                  <option key={n} value={n}>{`${n} (${counts[n]})`}</option>
                ))}
              </select>
            </div>
          </div>
          <div class="review-layout">
            <div class="review-list">
              {reviews === null ? (
                <Loading />
              ) : reviews.length === 0 ? (
                <div class="empty">
                  <p class="empty-title">Nothing waits</p>
                  <p>{`Every image of ${project} was decided.`}</p>
                </div>
              ) : (
                <ul class="review-items" aria-label={`Images waiting in ${project}`}>
                  {reviews.map((r) => (
                    <li key={r.id}>
                      <button type="button" class="review-item" aria-current={chosen?.id === r.id ? 'true' : 'false'} onClick={() => setChosen(r)}>
                        <span class="review-item-title">
                          {r.atRisk ? <span class="tag tag-closed">at risk</span> : null} {`${plural(r.frames, 'frame')}, ${plural(r.proposed.length, 'proposed mask')}`}
                        </span>
                        <span class="muted review-reason">{r.reason}</span>
                        <span class="muted mono small">{`series …${r.seriesInstanceUid.slice(-12)} · ${dateTime(r.createdAt)}`}</span>
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </div>
            <div class="review-detail">{chosen ? <FrameEditor key={chosen.id} project={project} review={chosen} onDecided={() => void loadReviews(project)} /> : null}</div>
          </div>
        </>
      )}
    </section>
  );
}
