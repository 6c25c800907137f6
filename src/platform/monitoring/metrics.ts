// Prometheus metrics (prom-client): what the pipeline counts as it goes (instances and bytes received,
// C-STORE latency, studies arrived) and what is read at each scrape (associations, transfers by state,
// instances sent/confirmed/refused, pixel reviews waiting, queue age, disk free), plus Node's own
// (event-loop lag, memory, GC). Each process has its own registry; the counts read at scrape are the
// database's, so they agree across nodes.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface ScrapeSnapshot {
  transfersByStatus: Record<string, number>;
  instancesSent: number;
  instancesConfirmed: number;
  instancesRefused: number;
  pixelReviewsWaiting: number;
  refusalsWaiting: number;
  queueAgeSeconds: number;
}

export interface MetricsSources {
  associations(): number;
  snapshot(): Promise<ScrapeSnapshot>;
  disk(): Promise<{ freeBytes: number; totalBytes: number }>;
}

export const TRANSFER_STATES = ['queued', 'running', 'done', 'failed', 'review'] as const;

export class FionaMetrics {
  readonly registry = new Registry();
  private readonly received: Counter<'status'>;
  private readonly receivedBytes: Counter;
  private readonly storeSeconds: Histogram<'status'>;
  private readonly arrived: Counter;

  constructor(sources: MetricsSources) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'fiona_process_' });
    this.received = new Counter({ name: 'fiona_instances_received_total', help: 'C-STORE requests answered, by outcome (success, refused)', labelNames: ['status'], registers });
    this.receivedBytes = new Counter({ name: 'fiona_received_bytes_total', help: 'Bytes of instances stored in the quarantine', registers });
    this.storeSeconds = new Histogram({
      name: 'fiona_cstore_duration_seconds',
      help: 'C-STORE latency: first dataset byte to the answer (stored, fsynced and indexed for success)',
      labelNames: ['status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.arrived = new Counter({ name: 'fiona_studies_arrived_total', help: 'Studies that went quiet after receiving (arrived), counted per arrival', registers });
    new Gauge({ name: 'fiona_dicom_associations', help: 'DICOM associations open now', registers, collect: function () { this.set(sources.associations()); } });

    // Read from the database once per scrape, shared by the gauges below.
    let pending: Promise<ScrapeSnapshot> | undefined;
    const snapshot = () => (pending ??= sources.snapshot().finally(() => setTimeout(() => (pending = undefined), 0)));
    new Gauge({
      name: 'fiona_transfers',
      help: 'Transfers by state',
      labelNames: ['state'],
      registers,
      async collect() {
        const s = await snapshot();
        for (const state of TRANSFER_STATES) this.set({ state }, s.transfersByStatus[state] ?? 0);
      },
    });
    new Gauge({
      name: 'fiona_transfer_instances',
      help: 'Instances of all transfers: sent, confirmed by the research PACS (C-FIND), refused by de-identification',
      labelNames: ['state'],
      registers,
      async collect() {
        const s = await snapshot();
        this.set({ state: 'sent' }, s.instancesSent);
        this.set({ state: 'confirmed' }, s.instancesConfirmed);
        this.set({ state: 'refused' }, s.instancesRefused);
      },
    });
    new Gauge({ name: 'fiona_deid_refusals', help: 'Instances de-identification refused (all transfers)', registers, async collect() { this.set((await snapshot()).instancesRefused); } });
    new Gauge({ name: 'fiona_refusals_waiting', help: 'Refused instances waiting for a data manager\'s decision (Review page)', registers, async collect() { this.set((await snapshot()).refusalsWaiting); } });
    new Gauge({ name: 'fiona_pixel_reviews_waiting', help: 'Instances waiting for a pixel review decision', registers, async collect() { this.set((await snapshot()).pixelReviewsWaiting); } });
    new Gauge({ name: 'fiona_forward_queue_age_seconds', help: 'How long the oldest transfer due has waited', registers, async collect() { this.set((await snapshot()).queueAgeSeconds); } });
    new Gauge({ name: 'fiona_disk_free_bytes', help: "Free bytes on the data directory's disk", registers, async collect() { this.set((await sources.disk()).freeBytes); } });
    new Gauge({ name: 'fiona_disk_size_bytes', help: "Size of the data directory's disk", registers, async collect() { this.set((await sources.disk()).totalBytes); } });
  }

  /** One C-STORE answered. */
  stored(success: boolean, seconds: number): void {
    const status = success ? 'success' : 'refused';
    this.received.inc({ status });
    this.storeSeconds.observe({ status }, seconds);
  }

  /** Instances whose index rows were committed: their bytes. */
  indexed(bytes: number): void {
    this.receivedBytes.inc(bytes);
  }

  studyArrived(): void {
    this.arrived.inc();
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
