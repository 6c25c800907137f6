// The dry run (issue 10): a study of the quarantine de-identified for a project exactly as its transfer would
// be (same context builder, same pool, same pixel settings) but never sent. Per instance it shows every tag
// path before and after, what happened to it, the pixel stage's outcome and the verifier's verdict. The
// before-values are identifying: the route gives the whole answer to data:review only. Each run is audited
// (without values), and that row is what lets a project have its first release (composition.ts).
import { readFile } from 'node:fs/promises';
import type { Audit, Actor } from '../../platform/audit/audit.js';
import { NotFoundError, RuleError } from '../../platform/errors.js';
import type { ProjectsRepository } from '../../projects/projects-repository.js';
import type { ParticipantsRepository } from '../../projects/participants-repository.js';
import type { DateOffsetFn } from '../../projects/participants-service.js';
import { checkParticipantId } from '../../projects/rules.js';
import { parseDicom } from '../../dicom/parse.js';
import { DeidRefusal, type DeidContext } from '../deid/index.js';
import { observeTags, type TagObservation } from '../deid/inventory.js';
import type { DeidSubject } from '../deid/project-context.js';
import type { QuarantineRepository } from '../quarantine/repository.js';
import type { AssignmentsRepository } from '../routing/assignments-repository.js';
import type { PixelReviewRepository } from './pixel-review-repository.js';
import type { PrepareOptions, PrepareOutcome } from './deid-adapter.js';

/** A dry run answers for this many instances of the study at most (the first ones, by series and number). */
export const DRY_RUN_INSTANCE_CAP = 20;
export const DRY_RUN_ACTION = 'deid.dry-run';

/** withheld: the instance would not leave (refused or held), so nothing of it is released. */
export type TagAction = 'kept' | 'replaced' | 'emptied' | 'removed' | 'added' | 'withheld';

export interface DryRunTag {
  path: string;
  name: string;
  vr: string;
  before: string | null;
  after: string | null;
  action: TagAction;
}

export type DryRunVerdict = { kind: 'clean' } | { kind: 'refused'; code: string; reason: string } | { kind: 'held-for-pixel-review'; reason: string } | { kind: 'error'; reason: string };

export interface DryRunInstance {
  sopInstanceUid: string;
  seriesInstanceUid: string;
  verdict: DryRunVerdict;
  /** The pixel stage: its outcome, how many rectangles it filled and where (per frame, 0-based; never the text read). */
  pixels: { outcome: 'pass' | 'clean'; masks: number; rects: Array<{ frame: number; x: number; y: number; width: number; height: number; reason: string }> } | null;
  tags: DryRunTag[];
}

export interface DryRunResult {
  project: string;
  studyInstanceUid: string;
  /** Whom the run de-identified for: the request's, the study's assignment to the project, or a placeholder. */
  participant: string;
  event: string;
  instancesInStudy: number;
  instanceCap: number;
  instances: DryRunInstance[];
}

export interface DryRunRequest {
  studyInstanceUid: string;
  /** Default: the study's assignment to the project (needed when it has none). */
  participant?: string;
  /** Default: the assignment's event. */
  event?: string;
}

export interface DryRunPorts {
  projects: Pick<ProjectsRepository, 'find'>;
  participants: Pick<ParticipantsRepository, 'find'>;
  assignments: Pick<AssignmentsRepository, 'forStudy'>;
  quarantine: Pick<QuarantineRepository, 'getStudyView' | 'listInstances'>;
  reviews: Pick<PixelReviewRepository, 'regions'>;
  deidContext(subject: DeidSubject): DeidContext;
  dateOffsetDays: DateOffsetFn;
  prepare(input: Buffer, context: DeidContext, options: PrepareOptions): Promise<PrepareOutcome>;
  audit: Audit;
}

/** Before and after side by side, by tag path (the first occurrence of a repeated path). */
export function compareTags(before: TagObservation[], after: TagObservation[]): DryRunTag[] {
  const first = (list: TagObservation[]) => {
    const map = new Map<string, TagObservation>();
    for (const o of list) if (!map.has(o.path)) map.set(o.path, o);
    return map;
  };
  const a = first(after);
  const rows: DryRunTag[] = [];
  for (const b of first(before).values()) {
    const o = a.get(b.path);
    const action: TagAction = !o ? 'removed' : o.value === b.value ? 'kept' : !o.value && b.value ? 'emptied' : 'replaced';
    rows.push({ path: b.path, name: b.name, vr: b.vr, before: b.value, after: o ? o.value : null, action });
  }
  const seen = new Set(rows.map((r) => r.path));
  for (const o of a.values()) if (!seen.has(o.path)) rows.push({ path: o.path, name: o.name, vr: o.vr, before: null, after: o.value, action: 'added' });
  return rows;
}

export class DryRunService {
  constructor(private readonly ports: DryRunPorts) {}

  async run(projectName: string, request: DryRunRequest, actor: Actor): Promise<DryRunResult> {
    const project = await this.ports.projects.find(projectName);
    if (!project) throw new NotFoundError(`project "${projectName}" not found`);
    if (!(await this.ports.quarantine.getStudyView(request.studyInstanceUid))) throw new NotFoundError(`study ${request.studyInstanceUid} is not in the quarantine`);
    const assigned = (await this.ports.assignments.forStudy(request.studyInstanceUid)).find((a) => a.project === project.name);
    // The pseudonym must match the project's pattern (the engine checks it), so an unassigned study needs one.
    const given = request.participant ?? assigned?.participant;
    if (given === undefined) throw new RuleError(`participant: study ${request.studyInstanceUid} is not assigned to ${project.name}; give the participant (and event) the dry run should de-identify for`, 'participant');
    const participantId = checkParticipantId(project, given, 'participant');
    const event = request.event ?? assigned?.event;
    if (!event) throw new RuleError(`event: study ${request.studyInstanceUid} is not assigned to ${project.name}; give the event the dry run should de-identify for`, 'event');
    if (!project.events.includes(event)) throw new RuleError(`event: "${event}" is not an event of ${project.name} (${project.events.join(', ')})`, 'event');
    // A registered participant keeps its offset; an unregistered one gets the offset registering would give it.
    const registered = await this.ports.participants.find(project.name, participantId);
    const dateOffsetDays = registered?.dateOffsetDays ?? this.ports.dateOffsetDays(project.name, participantId, { preserveWeekday: project.deidOptions.preserveWeekday });
    const context = this.ports.deidContext({ project, participant: { id: participantId, dateOffsetDays }, event });
    const knownRegions = project.deidOptions.cleanPixelData ? await this.ports.reviews.regions(project.name) : [];
    const all = await this.ports.quarantine.listInstances(request.studyInstanceUid);
    const instances: DryRunInstance[] = [];
    // One at a time: a dry run must not crowd the transfers out of the pool.
    for (const instance of all.slice(0, DRY_RUN_INSTANCE_CAP)) {
      const row: DryRunInstance = { sopInstanceUid: instance.sopInstanceUid, seriesInstanceUid: instance.seriesInstanceUid, verdict: { kind: 'clean' }, pixels: null, tags: [] };
      instances.push(row);
      let input: Buffer;
      let before: TagObservation[];
      try {
        input = await readFile(instance.path);
        const parsed = parseDicom(input);
        before = observeTags(parsed.buffer, parsed.dataset);
      } catch (err) {
        row.verdict = { kind: 'error', reason: `the quarantine file cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})` };
        continue;
      }
      row.tags = compareTags(before, []).map((t) => ({ ...t, action: 'withheld' as const }));
      try {
        const outcome = await this.ports.prepare(input, context, { pixels: project.deidOptions.cleanPixelData ? { knownRegions } : false });
        if (outcome.kind === 'review') {
          row.verdict = { kind: 'held-for-pixel-review', reason: outcome.review.reason };
          continue;
        }
        const p = outcome.prepared;
        row.tags = compareTags(before, p.tags);
        row.pixels = p.pixels ? { outcome: p.pixels.outcome, masks: p.pixels.masks.length, rects: p.pixels.masks.map((m) => ({ frame: m.frame, ...m.box, reason: m.reason })) } : null;
      } catch (err) {
        // The redacted reason names the tag paths; the before column already shows the values to this reader.
        row.verdict = err instanceof DeidRefusal ? { kind: 'refused', code: err.code, reason: err.redactedReason } : { kind: 'error', reason: (err as Error).message };
      }
    }
    const count = (kind: DryRunVerdict['kind']) => instances.filter((i) => i.verdict.kind === kind).length;
    await this.ports.audit.record({
      action: DRY_RUN_ACTION,
      actor,
      project: project.name,
      target: request.studyInstanceUid,
      details: { instances: instances.length, instancesInStudy: all.length, clean: count('clean'), refused: count('refused'), heldForPixelReview: count('held-for-pixel-review'), errors: count('error') },
    });
    return { project: project.name, studyInstanceUid: request.studyInstanceUid, participant: participantId, event, instancesInStudy: all.length, instanceCap: DRY_RUN_INSTANCE_CAP, instances };
  }
}

/** The first-release check: a dry run of this project recorded in the audit log. */
export function dryRunFirstRelease(audit: { list(filter: { project: string; action: string; limit: number }): Promise<Array<{ outcome: string }>> }) {
  return async (project: string): Promise<{ allowed: true } | { allowed: false; reason: string }> => {
    const rows = await audit.list({ project, action: DRY_RUN_ACTION, limit: 50 });
    if (rows.some((r) => r.outcome === 'ok')) return { allowed: true };
    return { allowed: false, reason: 'nobody with data:review has looked at a dry run yet; run a dry run of one study first (POST /api/projects/{name}/dry-run)' };
  };
}
