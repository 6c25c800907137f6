// The parts every page shares: its h1 (which takes focus after navigation, so screen readers announce
// the new page), a section card, a status badge, a plain table, the "loading" and error lines.
import type { ComponentChildren, TargetedEvent } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { TransferStatus } from '../api/types.js';

export function PageHeading({ children }: { children: ComponentChildren }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    const heading = ref.current;
    const main = document.getElementById('main');
    if (!heading || !main) return;
    if (document.activeElement === document.body || !main.contains(document.activeElement)) heading.focus({ preventScroll: true });
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}

export function Section({ title, children, class: className = 'card section' }: { title: string; children: ComponentChildren; class?: string }) {
  const id = `sec-${title.toLowerCase().replace(/[^a-z]+/g, '-')}`;
  return (
    <section class={className} aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

const STATUS_TEXT: Record<TransferStatus, string> = { queued: 'queued', running: 'running', done: 'done', failed: 'failed', review: 'waiting for review' };

export function StatusBadge({ status }: { status: TransferStatus }) {
  return (
    <span class={`status status-${status}`}>
      <span class="dot" aria-hidden="true" />
      {STATUS_TEXT[status] ?? status}
    </span>
  );
}

export interface Column<T> {
  /** Header text; with `hidden` instead, the header is for screen readers only. */
  label?: string;
  hidden?: string;
  value: (row: T) => ComponentChildren;
  class?: string;
}

/** A table that becomes stacked rows on phones (each cell labelled by its column). */
export function DataTable<T>({ caption, columns, rows, class: className = 'data-table', rowKey, rowClass }: { caption: string; columns: Column<T>[]; rows: T[]; class?: string; rowKey: (row: T) => string; rowClass?: (row: T) => string | undefined }) {
  return (
    <div class="table-wrap">
      <table class={className}>
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th scope="col" key={c.label ?? c.hidden}>
                {c.label ? c.label : <span class="visually-hidden">{c.hidden}</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={rowKey(r)} class={rowClass?.(r)}>
              {columns.map((c) => (
                <td key={c.label ?? c.hidden} data-label={c.label || undefined}>
                  {c.class ? <span class={c.class}>{c.value(r)}</span> : c.value(r)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function Loading() {
  return <p class="muted">Loading…</p>;
}

/** For <input onInput={inputValue(setX)}>: the typed value of the event's element. */
export function inputValue(set: (value: string) => void) {
  return (e: TargetedEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) => set(e.currentTarget.value);
}
