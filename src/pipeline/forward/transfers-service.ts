// What people do with transfers: list them (only their projects'), resend one, resend a whole project
// (the original's resendProject), and read a project's imaging record (what its research PACS holds).
// Every resend is audited and wakes the worker.
import type { Actor, Audit } from '../../platform/audit/audit.js';
import { NotFoundError } from '../../platform/errors.js';
import type { QuarantineRepository } from '../quarantine/repository.js';
import type { ImagingRecord, ImagingRecordsRepository } from './imaging-records-repository.js';
import type { Transfer, TransferFilter, TransfersRepository, TransferStatus } from './transfers-repository.js';

/** A transfer with the modalities of its study, as lists show it. */
export type TransferWithModalities = Transfer & { modalities: string[] };

/** Whether the research PACS held what was sent at the last check. */
export type RecordCheck = 'ok' | 'mismatch' | 'unchecked';

export function recordCheck(r: Pick<ImagingRecord, 'pacsInstances' | 'instancesSent'>): RecordCheck {
  if (r.pacsInstances === null) return 'unchecked';
  return r.pacsInstances >= r.instancesSent ? 'ok' : 'mismatch';
}

export interface TransfersPorts {
  transfers: TransfersRepository;
  records: Pick<ImagingRecordsRepository, 'list'>;
  quarantine: Pick<QuarantineRepository, 'modalitiesOf'>;
  audit: Audit;
  /** Wakes the transfer worker (no-op in a process without workers). */
  notify(): void;
}

export class TransfersService {
  constructor(private readonly ports: TransfersPorts) {}

  private async withModalities(list: Transfer[]): Promise<TransferWithModalities[]> {
    const modalities = await this.ports.quarantine.modalitiesOf([...new Set(list.map((t) => t.studyInstanceUid))]);
    return list.map((t) => ({ ...t, modalities: modalities.get(t.studyInstanceUid) ?? [] }));
  }

  async list(filter: TransferFilter): Promise<TransferWithModalities[]> {
    return this.withModalities(await this.ports.transfers.list(filter));
  }

  async get(id: string): Promise<TransferWithModalities> {
    const transfer = await this.ports.transfers.get(id);
    if (!transfer) throw new NotFoundError(`transfer ${id} not found`);
    return (await this.withModalities([transfer]))[0];
  }

  /** Forget what was delivered and send the study again (the destination keeps one copy per instance UID). */
  async resend(id: string, actor: Actor): Promise<TransferWithModalities> {
    const before = await this.get(id);
    const transfer = (await this.ports.transfers.resend(id, new Date()))!;
    await this.ports.audit.record({ action: 'transfer.resend', actor, project: before.project, target: id, details: { study: before.studyInstanceUid, previousStatus: before.status } });
    this.ports.notify();
    return { ...transfer, modalities: before.modalities };
  }

  /** Resend every transfer of the project (or only those with one status; of one data access group's participants, when given). */
  async resendProject(project: string, status: TransferStatus | undefined, actor: Actor, dataAccessGroup: string | null = null): Promise<Transfer[]> {
    const groups = new Map(dataAccessGroup === null ? [] : [[project, dataAccessGroup]]);
    const list = await this.ports.transfers.list({ projects: [project], groups, status, limit: 5000 });
    const out: Transfer[] = [];
    for (const t of list) out.push((await this.ports.transfers.resend(t.id, new Date()))!);
    await this.ports.audit.record({ action: 'project.resend', actor, project, details: { transfers: out.length, status: status ?? 'all', ...(dataAccessGroup === null ? {} : { dataAccessGroup }) } });
    this.ports.notify();
    return out;
  }

  /** The project's imaging record (of one data access group's participants, when given), each study with its check. */
  async imagingRecord(project: string, dataAccessGroup: string | null = null): Promise<Array<ImagingRecord & { check: RecordCheck }>> {
    return (await this.ports.records.list(project, { dataAccessGroup })).map((r) => ({ ...r, check: recordCheck(r) }));
  }
}
