// Refusals a person can act on (issue 10 item 3). When the de-identification refuses an instance during
// forwarding, the runner lists it here (tag paths and reason, never the identifying value) and the transfer
// waits for review. A data manager decides, per instance or for a whole study: exclude the instance from the
// project, change one of the project's de-identification options, or put a private tag on (or take it off)
// the project's safe-private allow-list; then resends, and the transfer de-identifies what waited again under
// the new rules. Every decision and every resend is audited.
import type { Actor, Audit } from '../../platform/audit/audit.js';
import { BadRequestError, NotFoundError } from '../../platform/errors.js';
import type { DeidOptions } from '../../projects/deid-options.js';
import type { Refusal, RefusalDecision, RefusalsRepository, RefusalStatus } from './refusals-repository.js';
import { WAITS_FOR_REVIEW } from './transfer-runner.js';

/** A study's refusals, as the Review page shows them. */
export interface StudyRefusals {
  studyInstanceUid: string;
  transferId: string | null;
  participant: string | null;
  event: string | null;
  transferStatus: string | null;
  open: number;
  decided: number;
  excluded: number;
  resolved: number;
  refusals: Refusal[];
}

export interface RefusalsPorts {
  refusals: RefusalsRepository;
  transfers: {
    get(id: string): Promise<{ id: string; participant: string; event: string; status: string; studyInstanceUid: string; project: string } | undefined>;
    find(studyInstanceUid: string, project: string): Promise<{ id: string } | undefined>;
    retryHeld(id: string, reasonPrefix: string, now: Date): Promise<unknown>;
  };
  projects: {
    find(name: string): Promise<{ name: string; deidOptions: DeidOptions } | undefined>;
    /** Changes the project's de-identification options (validated, audited as project.update). */
    updateDeidOptions(name: string, changes: Partial<DeidOptions>, actor: Actor): Promise<unknown>;
  };
  /** Whether a participant is in a data access group (a member limited to one sees only its studies). */
  participants: { isVisible(project: string, participant: string, scope: { dataAccessGroup: string | null }): Promise<boolean> };
  audit: Audit;
  notify(): void;
}

export class RefusalsService {
  constructor(private readonly ports: RefusalsPorts) {}

  counts(projects: string[]): Promise<Map<string, number>> {
    return this.ports.refusals.counts(projects);
  }

  /**
   * The project's refusals grouped by study, with counts per state. waiting (default): the studies in which a
   * refusal is open or decided, each with all its refusals (what was excluded or resolved there too).
   */
  async list(project: string, status: RefusalStatus | 'waiting' | 'all' = 'waiting', dataAccessGroup: string | null = null): Promise<{ open: number; studies: StudyRefusals[] }> {
    const all = await this.ports.refusals.list(project, status === 'waiting' || status === 'all' ? {} : { status });
    const waitingStudies = new Set(all.filter((r) => r.status === 'open' || r.status === 'decided').map((r) => r.studyInstanceUid));
    const rows = status === 'waiting' ? all.filter((r) => waitingStudies.has(r.studyInstanceUid)) : all;
    const byStudy = new Map<string, Refusal[]>();
    for (const r of rows) byStudy.set(r.studyInstanceUid, [...(byStudy.get(r.studyInstanceUid) ?? []), r]);
    const studies: StudyRefusals[] = [];
    for (const [uid, list] of byStudy) {
      const transferId = list.find((r) => r.transferId)?.transferId ?? (await this.ports.transfers.find(uid, project))?.id ?? null;
      const transfer = transferId ? await this.ports.transfers.get(transferId) : undefined;
      const count = (s: RefusalStatus) => list.filter((r) => r.status === s).length;
      if (!(await this.visible(project, transfer?.participant, dataAccessGroup))) continue;
      studies.push({ studyInstanceUid: uid, transferId, participant: transfer?.participant ?? null, event: transfer?.event ?? null, transferStatus: transfer?.status ?? null, open: count('open'), decided: count('decided'), excluded: count('excluded'), resolved: count('resolved'), refusals: list });
    }
    const open = dataAccessGroup === null ? ((await this.ports.refusals.counts([project])).get(project) ?? 0) : studies.reduce((n, s) => n + s.open, 0);
    return { open, studies };
  }

  /** A member limited to a data access group sees the studies of its participants only (others: not found). */
  private async visible(project: string, participant: string | undefined, dataAccessGroup: string | null): Promise<boolean> {
    if (dataAccessGroup === null) return true;
    return participant !== undefined && this.ports.participants.isVisible(project, participant, { dataAccessGroup });
  }

  private async checkVisible(project: string, list: Refusal[], dataAccessGroup: string | null): Promise<void> {
    if (dataAccessGroup === null) return;
    for (const uid of new Set(list.map((r) => r.studyInstanceUid))) {
      const id = list.find((r) => r.studyInstanceUid === uid && r.transferId)?.transferId ?? (await this.ports.transfers.find(uid, project))?.id;
      const transfer = id ? await this.ports.transfers.get(id) : undefined;
      if (!(await this.visible(project, transfer?.participant, dataAccessGroup))) throw new NotFoundError(`no refusal in study ${uid} of project ${project}`);
    }
  }

  async get(project: string, id: string): Promise<Refusal> {
    const refusal = await this.ports.refusals.get(id);
    if (!refusal || refusal.project !== project) throw new NotFoundError(`no refusal ${id} in project ${project}`);
    return refusal;
  }

  /** One refusal decided. */
  async decide(project: string, id: string, decision: RefusalDecision, actor: Actor, dataAccessGroup: string | null = null): Promise<Refusal[]> {
    const refusal = await this.get(project, id);
    await this.checkVisible(project, [refusal], dataAccessGroup);
    return this.apply(project, [refusal], decision, actor, { refusal: id });
  }

  /** Every refusal of a study that waits (open or decided) decided alike. */
  async decideStudy(project: string, studyInstanceUid: string, decision: RefusalDecision, actor: Actor, dataAccessGroup: string | null = null): Promise<Refusal[]> {
    const list = (await this.ports.refusals.list(project, { studyInstanceUid })).filter((r) => r.status === 'open' || r.status === 'decided');
    if (list.length === 0) throw new NotFoundError(`no refusal waits in study ${studyInstanceUid} of project ${project}`);
    await this.checkVisible(project, list, dataAccessGroup);
    return this.apply(project, list, decision, actor, { study: studyInstanceUid });
  }

  private async apply(project: string, list: Refusal[], decision: RefusalDecision, actor: Actor, scope: Record<string, string>): Promise<Refusal[]> {
    const settled = list.filter((r) => r.status === 'resolved');
    if (settled.length > 0) throw new BadRequestError(`refusal ${settled[0].id} is resolved: its instance was sent`);
    const by = actor.username ?? actor.via;
    const instances = list.map((r) => r.sopInstanceUid);
    if (decision.kind === 'exclude') {
      await this.ports.refusals.decide(list.map((r) => r.id), 'excluded', decision, by, new Date());
      await this.ports.audit.record({ action: 'review.refusal.exclude', actor, project, target: list[0].studyInstanceUid, details: { ...scope, instances: instances.slice(0, 100), count: instances.length } });
    } else {
      const changes = await this.optionChanges(project, decision);
      await this.ports.projects.updateDeidOptions(project, changes, actor);
      await this.ports.refusals.decide(list.map((r) => r.id), 'decided', decision, by, new Date());
      await this.ports.audit.record({
        action: decision.kind === 'option' ? 'review.refusal.option' : 'review.refusal.private-tag',
        actor,
        project,
        target: list[0].studyInstanceUid,
        // Option names and values and private tag names are settings, never identifying values.
        details: { ...scope, decision, changes, instances: instances.slice(0, 100), count: instances.length },
      });
    }
    return Promise.all(list.map(async (r) => (await this.ports.refusals.get(r.id))!));
  }

  /** The option changes a decision makes (a private tag decision edits the allow-list). */
  private async optionChanges(project: string, decision: Exclude<RefusalDecision, { kind: 'exclude' }>): Promise<Partial<DeidOptions>> {
    if (decision.kind === 'option') return decision.changes as Partial<DeidOptions>;
    const current = (await this.ports.projects.find(project))?.deidOptions;
    if (!current) throw new NotFoundError(`project "${project}" not found`);
    const list = current.safePrivateAllowList.filter((e) => e.toUpperCase() !== decision.privateTag.toUpperCase());
    if (!decision.allow) return { safePrivateAllowList: list };
    return { retainSafePrivate: true, safePrivateAllowList: [...list, decision.privateTag] };
  }

  /**
   * Resend what waits for review: the study's transfer (or every transfer of the project with a decided
   * refusal) de-identifies its refused instances again under the project's rules as they are now.
   */
  async resend(project: string, studyInstanceUid: string | undefined, actor: Actor, dataAccessGroup: string | null = null): Promise<{ transfers: string[]; stillOpen: number }> {
    const rows = await this.ports.refusals.list(project, studyInstanceUid ? { studyInstanceUid } : {});
    let waiting = rows.filter((r) => r.status !== 'resolved' && (studyInstanceUid !== undefined || r.status !== 'open'));
    if (studyInstanceUid && rows.length === 0) throw new NotFoundError(`no refusal in study ${studyInstanceUid} of project ${project}`);
    if (studyInstanceUid) await this.checkVisible(project, rows, dataAccessGroup);
    const ids = new Set<string>();
    const kept: Refusal[] = [];
    for (const r of waiting) {
      const id = r.transferId ?? (await this.ports.transfers.find(r.studyInstanceUid, project))?.id;
      const transfer = id ? await this.ports.transfers.get(id) : undefined;
      if (!id || !(await this.visible(project, transfer?.participant, dataAccessGroup))) continue;
      ids.add(id);
      kept.push(r);
    }
    waiting = kept;
    for (const id of ids) await this.ports.transfers.retryHeld(id, WAITS_FOR_REVIEW, new Date());
    const stillOpen = waiting.filter((r) => r.status === 'open').length;
    await this.ports.audit.record({ action: 'review.refusal.resend', actor, project, target: studyInstanceUid ?? null, details: { transfers: [...ids], instances: waiting.length, stillOpen } });
    if (ids.size > 0) this.ports.notify();
    return { transfers: [...ids], stillOpen };
  }
}
