// The transfers the signed-in user may see (GET /api/transfers), polled: often while some are queued or
// running, rarely otherwise. Pages subscribe (or use the useTransfers hook); one poller serves a page.
import { useEffect, useState } from 'preact/hooks';
import type { ApiError } from '../api/client.js';
import { api } from '../api/client.js';
import type { Transfer } from '../api/types.js';

export type TransfersListener = (transfers: Transfer[], available: boolean) => void;

export interface TransfersFeed {
  subscribe(fn: TransfersListener): void;
  /** Poll now (e.g. right after an assignment). */
  refresh(): Promise<void>;
  readonly list: Transfer[];
  readonly available: boolean;
  stop(): void;
}

export function transfersFeed({ fastMs = 1500, slowMs = 10000 } = {}): TransfersFeed {
  let transfers: Transfer[] = [];
  let available = true;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  const listeners = new Set<TransfersListener>();

  const active = () => transfers.some((t) => t.status === 'queued' || t.status === 'running');
  const poll = async () => {
    timer = null;
    try {
      transfers = await api.get('/api/transfers');
      available = true;
    } catch (err) {
      if ((err as ApiError).status === 404) available = false;
    }
    if (stopped) return;
    for (const fn of listeners) fn(transfers, available);
    if (available) timer = setTimeout(poll, active() ? fastMs : slowMs);
  };

  return {
    subscribe(fn) {
      listeners.add(fn);
    },
    refresh() {
      if (timer) clearTimeout(timer);
      return poll();
    },
    get list() {
      return transfers;
    },
    get available() {
      return available;
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}

/** The feed in a component: re-renders on every poll, stops when the component goes. */
export function useTransfers(options?: { fastMs?: number; slowMs?: number }): { transfers: Transfer[]; available: boolean; loaded: boolean; feed: TransfersFeed } {
  const [feed] = useState(() => transfersFeed(options));
  const [state, setState] = useState({ transfers: [] as Transfer[], available: true, loaded: false });
  useEffect(() => {
    feed.subscribe((transfers, available) => setState({ transfers, available, loaded: true }));
    void feed.refresh();
    return () => feed.stop();
  }, [feed]);
  return { ...state, feed };
}

/** The newest transfer of each study. */
export function latestByStudy(transfers: Transfer[]): Map<string, Transfer> {
  const map = new Map<string, Transfer>();
  for (const t of transfers) {
    const prev = map.get(t.studyInstanceUid);
    if (!prev || (t.createdAt ?? '') >= (prev.createdAt ?? '')) map.set(t.studyInstanceUid, t);
  }
  return map;
}

export function transferTime(t: Pick<Transfer, 'finishedAt' | 'createdAt' | 'updatedAt'>): string {
  return t.finishedAt ?? t.createdAt ?? t.updatedAt ?? '';
}

/** "3 of 6 sent · 3 confirmed · 1 refused" */
export function progressText(t: Pick<Transfer, 'status' | 'instancesToSend' | 'instancesSent' | 'instancesConfirmed' | 'instancesRefused'>): string {
  const total = t.instancesToSend;
  const parts: string[] = [];
  if (typeof t.instancesSent === 'number' && (t.status !== 'queued' || t.instancesSent > 0)) parts.push(`${t.instancesSent}${typeof total === 'number' && total > 0 ? ` of ${total}` : ''} sent`);
  else if (typeof total === 'number' && total > 0) parts.push(`${total} to send`);
  if (typeof t.instancesConfirmed === 'number' && t.status !== 'queued') parts.push(`${t.instancesConfirmed} confirmed`);
  if (t.instancesRefused) parts.push(`${t.instancesRefused} refused`);
  return parts.join(' · ');
}
