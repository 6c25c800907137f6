// The quarantine, live: GET /api/events sends a `study` whenever a study receives instances or finishes
// arriving. The hook keeps the stream open while its page is, and says how it stands.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api/client.js';
import type { Study } from '../api/types.js';

export type LiveState = { state: 'connecting' | 'on' | 'off'; text: string };

export function useStudyEvents(onStudy: (study: Study) => void): LiveState {
  const [live, setLive] = useState<LiveState>({ state: 'connecting', text: 'Connecting…' });
  const handler = useRef(onStudy);
  handler.current = onStudy;
  useEffect(() => {
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | null = null;
    const connect = () => {
      source = new EventSource('/api/events');
      source.addEventListener('open', () => setLive({ state: 'on', text: 'Live' }));
      source.addEventListener('error', () => {
        setLive({ state: 'connecting', text: 'Reconnecting…' });
        // The browser retries by itself unless the server refused the stream (signed out, no rights).
        if (source?.readyState !== EventSource.CLOSED) return;
        retry = setTimeout(async () => {
          try {
            await api.get('/api/session'); // a 401 here shows the sign-in page
            connect();
          } catch {
            setLive({ state: 'off', text: 'Offline' });
          }
        }, 5000);
      });
      source.addEventListener('study', (e) => handler.current(JSON.parse((e as MessageEvent<string>).data) as Study));
    };
    connect();
    return () => {
      source?.close();
      if (retry) clearTimeout(retry);
    };
  }, []);
  return live;
}

/** Re-renders every `ms` (relative times such as "2 minutes ago" stay true). */
export function useTicker(ms: number): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), ms);
    return () => clearInterval(timer);
  }, [ms]);
}
