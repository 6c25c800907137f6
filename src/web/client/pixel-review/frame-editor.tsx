// One image under review: the frame (PNG from the server, the quarantine's pixels) on a canvas with the
// proposed masks in red and the reviewer's own rectangles in blue (drag on the image to add one), and the
// two decisions: accept the masks, or declare the series free of burned-in text.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, url } from '../api/client.js';
import type { PixelReview } from '../api/types.js';
import { plural } from '../ui/format.js';
import { toast } from '../ui/toast.js';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const REASONS: Record<string, string> = { identity: 'matches the patient', word: 'text read by OCR', region: 'text-like region', known: 'known region', reviewer: 'added by a reviewer', residue: 'still readable after masking' };

export function FrameEditor({ project, review, onDecided }: { project: string; review: PixelReview; onDecided: () => void }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const image = useRef<HTMLImageElement | null>(null);
  const [frame, setFrame] = useState(0);
  const [added, setAdded] = useState<Array<Box & { frame: number }>>([]);
  const [drag, setDrag] = useState<{ start: { x: number; y: number }; box: Box | null } | null>(null);
  const [status, setStatus] = useState('Loading the frame…');
  const [busy, setBusy] = useState(false);

  const draw = () => {
    const c = canvas.current;
    const img = image.current;
    if (!c || !img?.naturalWidth) return;
    c.width = img.naturalWidth;
    c.height = img.naturalHeight;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    ctx.lineWidth = Math.max(1, c.width / 400);
    const rect = (b: Box, stroke: string, fill: string) => {
      ctx.fillStyle = fill;
      ctx.fillRect(b.x, b.y, b.width, b.height);
      ctx.strokeStyle = stroke;
      ctx.strokeRect(b.x, b.y, b.width, b.height);
    };
    for (const p of review.proposed.filter((m) => m.frame === frame)) rect(p.box, '#e5484d', 'rgba(229,72,77,0.35)');
    for (const a of added.filter((m) => m.frame === frame)) rect(a, '#3e63dd', 'rgba(62,99,221,0.35)');
    if (drag?.box) rect(drag.box, '#3e63dd', 'rgba(62,99,221,0.2)');
  };

  useEffect(() => {
    const img = new Image();
    image.current = img;
    img.onload = () => {
      setStatus(`Frame ${frame + 1} of ${review.frames}, ${img.naturalWidth} × ${img.naturalHeight}.`);
      draw();
    };
    img.onerror = () => setStatus('The frame cannot be shown (see the reason above); you can still declare the series safe.');
    img.src = url('/api/projects/{name}/pixel-reviews/{id}/frames/{frame}', { path: { name: project, id: review.id, frame } });
  }, [frame]);
  useEffect(draw, [added, drag]);

  const point = (e: PointerEvent) => {
    const c = canvas.current!;
    const r = c.getBoundingClientRect();
    return { x: Math.round(((e.clientX - r.left) / r.width) * c.width), y: Math.round(((e.clientY - r.top) / r.height) * c.height) };
  };
  const onDown = (e: PointerEvent) => {
    canvas.current?.setPointerCapture(e.pointerId);
    setDrag({ start: point(e), box: null });
  };
  const onMove = (e: PointerEvent) => {
    if (!drag) return;
    const p = point(e);
    setDrag({ start: drag.start, box: { x: Math.min(drag.start.x, p.x), y: Math.min(drag.start.y, p.y), width: Math.abs(p.x - drag.start.x), height: Math.abs(p.y - drag.start.y) } });
  };
  const onUp = () => {
    const box = drag?.box;
    if (box && box.width >= 2 && box.height >= 2) setAdded([...added, { frame, ...box }]);
    setDrag(null);
  };

  const decide = async (what: 'accept' | 'safe') => {
    setBusy(true);
    try {
      const path = { name: project, id: review.id };
      if (what === 'accept') await api.post('/api/projects/{name}/pixel-reviews/{id}/accept', { path, body: { add: added.map((a) => ({ frame: a.frame, x: a.x, y: a.y, width: a.width, height: a.height })) } });
      else await api.post('/api/projects/{name}/pixel-reviews/{id}/safe-series', { path });
      toast(what === 'accept' ? 'Masks accepted; the image is on its way.' : 'Series declared free of burned-in text; its images are on their way.', 'ok');
      onDecided();
    } catch (err) {
      toast(`Not saved: ${(err as Error).message}`, 'error');
      setBusy(false);
    }
  };

  const reasons = [...new Set(review.proposed.map((p) => p.reason))];
  return (
    <div class="card review-card">
      <h2>Image</h2>
      <p>{review.reason}</p>
      {reasons.length ? (
        <div>
          <p class="muted">Proposed masks (red):</p>
          <ul class="review-legend">
            {reasons.map((r) => (
              <li key={r}>{REASONS[r] ?? r}</li>
            ))}
          </ul>
        </div>
      ) : (
        <p class="muted">No masks proposed.</p>
      )}
      <div class="review-tools">
        {review.frames > 1 ? (
          <label>
            {'Frame '}
            <input type="number" min={1} max={review.frames} value={frame + 1} onChange={(e) => setFrame(Math.max(0, Math.min(review.frames - 1, Number((e.target as HTMLInputElement).value) - 1)))} />
          </label>
        ) : null}
        <span class="muted">{added.length ? `${plural(added.length, 'rectangle')} of yours` : 'no rectangles of yours'}</span>
        <button type="button" class="ghost" onClick={() => setAdded([])}>
          Clear my rectangles
        </button>
      </div>
      <canvas ref={canvas} class="review-canvas" aria-label="The frame, proposed masks in red, your rectangles in blue. Drag to add a rectangle." onPointerDown={onDown} onPointerMove={onMove} onPointerUp={onUp} />
      <p class="muted" aria-live="polite">
        {status}
      </p>
      <div class="actions">
        <button type="button" class="primary" disabled={busy} onClick={() => void decide('accept')}>
          Accept masks
        </button>
        <button type="button" disabled={busy} onClick={() => void decide('safe')}>
          Series is safe
        </button>
      </div>
    </div>
  );
}
