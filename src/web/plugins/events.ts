// GET /api/events: server-sent events for the Assign page. When instances are indexed, the studies they
// belong to are sent as `study` events (the same view as GET /api/studies: never the patient's identity),
// coalesced so a study arriving at hundreds of instances a second costs a few messages, not hundreds.
// A stream lives at most `maxStreamSeconds`; the browser's EventSource then reconnects and is
// authorised again, so revoked access or an ended session stops the updates within that time.
import type { EventEmitter } from 'node:events';
import type { FastifyPluginAsync } from 'fastify';
import type { PipelineEvents } from '../../pipeline/events.js';
import type { QuarantineRepository } from '../../pipeline/quarantine/repository.js';

export interface EventsDeps {
  quarantine: Pick<QuarantineRepository, 'getStudyView'>;
  /** The pipeline's events; without them the stream only sends heartbeats. */
  events?: EventEmitter<PipelineEvents>;
  /** How long changes are gathered before they are sent (default 300 ms). */
  coalesceMs?: number;
  heartbeatSeconds?: number;
  maxStreamSeconds?: number;
}

interface Stream {
  write(chunk: string): void;
  end(): void;
}

export function eventsRoutes(deps: EventsDeps): FastifyPluginAsync {
  return async (app) => {
    const streams = new Set<Stream>();
    const pending = new Set<string>();
    let timer: NodeJS.Timeout | undefined;

    const flush = async () => {
      timer = undefined;
      const uids = [...pending];
      pending.clear();
      for (const uid of uids) {
        if (streams.size === 0) return;
        const study = await deps.quarantine.getStudyView(uid).catch((err: unknown) => {
          app.log.warn({ err, uid }, 'events: could not read a study');
          return undefined;
        });
        if (!study) continue;
        const message = `event: study\ndata: ${JSON.stringify(study)}\n\n`;
        for (const stream of streams) stream.write(message);
      }
    };
    const changed = (uids: Iterable<string>) => {
      if (streams.size === 0) return;
      for (const uid of uids) pending.add(uid);
      timer ??= setTimeout(() => void flush(), deps.coalesceMs ?? 300);
    };
    // studiesChanged, not indexed: it also carries the studies other nodes indexed (PostgreSQL, several nodes).
    const onIndexed = (uids: string[]) => changed(uids);
    const onArrived = (uid: string) => changed([uid]);
    deps.events?.on('studiesChanged', onIndexed);
    deps.events?.on('studyArrived', onArrived);

    // Open streams would keep the server from closing.
    app.addHook('preClose', async () => {
      deps.events?.off('studiesChanged', onIndexed);
      deps.events?.off('studyArrived', onArrived);
      if (timer) clearTimeout(timer);
      for (const stream of streams) stream.end();
    });

    app.get(
      '/api/events',
      {
        config: {
          permission: 'quarantine:browse',
          doc: {
            method: 'GET',
            url: '/api/events',
            summary: 'Live updates of the quarantine (server-sent events)',
            description: 'text/event-stream. `study` events carry a study as GET /api/studies shows it, whenever instances of it are indexed or it has arrived. Heartbeat comments keep the stream open; it ends after a few minutes and the client reconnects.',
            tags: ['studies'],
            permission: 'quarantine:browse',
          },
        },
      },
      async (request, reply) => {
        reply.hijack();
        const raw = reply.raw;
        raw.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache, no-transform',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        const stream: Stream = {
          write: (chunk) => {
            if (!raw.writableEnded) raw.write(chunk);
          },
          end: () => {
            if (!raw.writableEnded) raw.end();
          },
        };
        streams.add(stream);
        stream.write(`retry: 2000\n: connected\n\n`);
        const heartbeat = setInterval(() => stream.write(': heartbeat\n\n'), (deps.heartbeatSeconds ?? 20) * 1000);
        const lifetime = setTimeout(() => stream.end(), (deps.maxStreamSeconds ?? 300) * 1000);
        const cleanup = () => {
          clearInterval(heartbeat);
          clearTimeout(lifetime);
          streams.delete(stream);
        };
        request.raw.once('close', cleanup);
        raw.once('close', cleanup);
      },
    );
  };
}
