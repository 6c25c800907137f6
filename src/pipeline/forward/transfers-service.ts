// What people do with transfers: list them (only their projects'), resend one, resend a whole project
// (the original's resendProject). Every resend is audited and wakes the worker.
import type { Actor, Audit } from '../../platform/audit/audit.js';
import { NotFoundError } from '../../platform/errors.js';
import type { Transfer, TransferFilter, TransfersRepository, TransferStatus } from './transfers-repository.js';

export class TransfersService {
  constructor(
    private readonly ports: { transfers: TransfersRepository; audit: Audit; notify(): void },
  ) {}

  list(filter: TransferFilter): Promise<Transfer[]> {
    return this.ports.transfers.list(filter);
  }

  async get(id: string): Promise<Transfer> {
    const transfer = await this.ports.transfers.get(id);
    if (!transfer) throw new NotFoundError(`transfer ${id} not found`);
    return transfer;
  }

  /** Forget what was delivered and send the study again (the destination keeps one copy per instance UID). */
  async resend(id: string, actor: Actor): Promise<Transfer> {
    const before = await this.get(id);
    const transfer = (await this.ports.transfers.resend(id, new Date()))!;
    await this.ports.audit.record({ action: 'transfer.resend', actor, project: before.project, target: id, details: { study: before.studyInstanceUid, previousStatus: before.status } });
    this.ports.notify();
    return transfer;
  }

  /** Resend every transfer of the project (or only those with one status). */
  async resendProject(project: string, status: TransferStatus | undefined, actor: Actor): Promise<Transfer[]> {
    const list = await this.ports.transfers.list({ projects: [project], status, limit: 5000 });
    const out: Transfer[] = [];
    for (const t of list) out.push((await this.ports.transfers.resend(t.id, new Date()))!);
    await this.ports.audit.record({ action: 'project.resend', actor, project, details: { transfers: out.length, status: status ?? 'all' } });
    this.ports.notify();
    return out;
  }
}
