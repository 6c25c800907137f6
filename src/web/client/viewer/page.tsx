// A simple viewer of a project's de-identified studies, over the project's own DICOMweb endpoint (QIDO-RS
// for the lists, WADO-RS rendered frames for the pixels), so it sees exactly what a researcher's tools see,
// with the same roles. Why our own and not OHIF: see the README ("Viewer"). The image is drawn on a canvas;
// a slider (or the arrow keys) pages through the series.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { PageProps } from '../pages.js';
import { Loading, PageHeading } from '../ui/page.js';

type Json = Array<Record<string, { Value?: unknown[] }>>;
const first = (item: Record<string, { Value?: unknown[] }>, tag: string): string => {
  const v = item[tag]?.Value?.[0];
  if (v && typeof v === 'object' && 'Alphabetic' in v) return String((v as { Alphabetic: string }).Alphabetic);
  return v === undefined || v === null ? '' : String(v);
};

async function qido(url: string): Promise<Json> {
  const res = await fetch(url, { headers: { accept: 'application/dicom+json' }, credentials: 'same-origin' });
  if (!res.ok) throw new Error(((await res.json().catch(() => null)) as { error?: string } | null)?.error ?? `${res.status} ${res.statusText}`);
  return (await res.json()) as Json;
}

export function ViewerPage({ params }: PageProps) {
  const [name] = params;
  const base = `/dicomweb/${encodeURIComponent(name)}`;
  const study = new URLSearchParams(location.search).get('study') ?? '';
  const [studies, setStudies] = useState<Json | null>(null);
  const [series, setSeries] = useState<Json | null>(null);
  const [chosenSeries, setChosenSeries] = useState('');
  const [instances, setInstances] = useState<string[]>([]);
  const [index, setIndex] = useState(0);
  const [error, setError] = useState('');
  const [drawn, setDrawn] = useState('');
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    setError('');
    if (!study) void qido(`${base}/studies`).then(setStudies, (e: Error) => setError(e.message));
    else
      void qido(`${base}/studies/${study}/series`).then((s) => {
        setSeries(s);
        setChosenSeries(first(s[0] ?? {}, '0020000E'));
      }, (e: Error) => setError(e.message));
  }, [name, study]);

  useEffect(() => {
    if (!chosenSeries) return;
    void qido(`${base}/studies/${study}/series/${chosenSeries}/instances`).then((list) => {
      const sorted = [...list].sort((a, b) => Number(first(a, '00200013')) - Number(first(b, '00200013')));
      setInstances(sorted.map((i) => first(i, '00080018')));
      setIndex(0);
    }, (e: Error) => setError(e.message));
  }, [chosenSeries]);

  useEffect(() => {
    const uid = instances[index];
    if (!uid || !canvas.current) return;
    const image = new Image();
    image.onload = () => {
      const c = canvas.current;
      if (!c) return;
      c.width = image.naturalWidth;
      c.height = image.naturalHeight;
      c.getContext('2d')?.drawImage(image, 0, 0);
      setDrawn(`Image ${index + 1} of ${instances.length}`);
    };
    image.onerror = () => setError('The image could not be loaded.');
    image.src = `${base}/studies/${study}/series/${chosenSeries}/instances/${uid}/rendered`;
  }, [instances, index]);

  const step = (e: KeyboardEvent) => {
    if (e.key === 'ArrowRight' || e.key === 'ArrowDown') setIndex((i) => Math.min(instances.length - 1, i + 1));
    if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') setIndex((i) => Math.max(0, i - 1));
  };

  return (
    <section class="page">
      <a class="back" href={`/projects/${encodeURIComponent(name)}`} data-link>
        ← {name}
      </a>
      <div class="page-head">
        <div>
          <PageHeading>Viewer</PageHeading>
          <p class="muted">De-identified images of {name}, as its research PACS holds them.</p>
        </div>
      </div>
      {error ? <p class="form-error" role="alert">{error}</p> : null}
      {!study ? (
        studies === null ? (
          <Loading />
        ) : studies.length === 0 ? (
          <div class="empty"><p class="empty-title">No studies yet</p><p>Studies appear here once they are in the research PACS.</p></div>
        ) : (
          <ul class="study-list">
            {studies.map((s) => {
              const uid = first(s, '0020000D');
              return (
                <li key={uid}>
                  <a href={`/projects/${encodeURIComponent(name)}/viewer?study=${uid}`}>
                    {`${first(s, '00100020')} · ${first(s, '00080020') || 'no date'} · ${first(s, '00081030') || first(s, '00080061') || uid}`}
                  </a>
                </li>
              );
            })}
          </ul>
        )
      ) : (
        <div class="viewer">
          {series === null ? <Loading /> : (
            <div class="toolbar">
              <div class="search-field">
                <label for="viewer-series">Series</label>
                <select id="viewer-series" value={chosenSeries} onChange={(e) => setChosenSeries(e.currentTarget.value)}>
                  {series.map((s) => {
                    const uid = first(s, '0020000E');
                    return <option key={uid} value={uid}>{`${first(s, '00200011')} ${first(s, '0008103E') || first(s, '00080060')} (${first(s, '00201209')})`}</option>;
                  })}
                </select>
              </div>
              {instances.length > 1 ? (
                <div class="search-field">
                  <label for="viewer-slice">Image</label>
                  <input id="viewer-slice" type="range" min={0} max={instances.length - 1} value={index} onInput={(e) => setIndex(Number(e.currentTarget.value))} />
                </div>
              ) : null}
            </div>
          )}
          <canvas ref={canvas} class="viewer-canvas" tabIndex={0} aria-label="Image; arrow keys page through the series" onKeyDown={step} />
          <p class="muted" aria-live="polite" id="viewer-status">{drawn}</p>
        </div>
      )}
    </section>
  );
}
