// The transfers the signed-in user may see (GET /api/transfers), polled: often while some are queued or
// running, rarely otherwise. Pages subscribe; one poller serves them all.
import { get } from './api.js';

export function transfersFeed({ fastMs = 1500, slowMs = 10000 } = {}) {
  let transfers = [];
  let available = true;
  let timer = null;
  let stopped = false;
  const listeners = new Set();

  const active = () => transfers.some((t) => t.status === 'queued' || t.status === 'running');
  const poll = async () => {
    timer = null;
    try {
      transfers = await get('/api/transfers');
      available = true;
    } catch (err) {
      if (err.status === 404) available = false;
    }
    if (stopped) return;
    for (const fn of listeners) fn(transfers, available);
    if (available) timer = setTimeout(poll, active() ? fastMs : slowMs);
  };

  return {
    subscribe(fn) {
      listeners.add(fn);
    },
    /** Poll now (e.g. right after an assignment). */
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

/** The newest transfer of each study. */
export function latestByStudy(transfers) {
  const map = new Map();
  for (const t of transfers) {
    const prev = map.get(t.studyInstanceUid);
    if (!prev || (t.createdAt ?? '') >= (prev.createdAt ?? '')) map.set(t.studyInstanceUid, t);
  }
  return map;
}

export function transferTime(t) {
  return t.finishedAt ?? t.createdAt ?? t.updatedAt ?? '';
}
