// Review (issue 10): what a project really releases. The tag inventory grows as instances are forwarded; a
// tag path the project never released before is an alert for its data managers (audited, counted as new on
// the Review page until one of them acknowledges it). Reading the inventory, its CSV and acknowledging are
// the data managers' (and owners') business; every acknowledgement is audited.
import { systemActor, type Actor, type Audit } from '../../platform/audit/audit.js';
import { inventoryCsv, type InventoryEntry } from '../deid/inventory.js';

export { FLAGS as TAG_FLAGS } from '../deid/inventory.js';
import type { InventoryQuery, StoredInventoryRow, TagInventoryRepository } from './tag-inventory-repository.js';

export interface ReviewPorts {
  inventory: TagInventoryRepository;
  audit: Audit;
  now?: () => Date;
}

/** New paths named in one audit row at most (the count is always complete). */
const NEW_PATHS_LISTED = 50;

export class ReviewService {
  constructor(private readonly ports: ReviewPorts) {}

  private now(): Date {
    return this.ports.now?.() ?? new Date();
  }

  /** Adds a batch of released instances to the project's inventory; new tag paths raise an audited alert. */
  async recordReleased(project: string, entries: Iterable<InventoryEntry>): Promise<string[]> {
    const added = await this.ports.inventory.record(project, entries, this.now());
    if (added.length > 0) {
      await this.ports.audit.record({ action: 'review.new-tags', actor: systemActor, project, details: { count: added.length, paths: added.slice(0, NEW_PATHS_LISTED) } });
    }
    return added;
  }

  tags(project: string, query: InventoryQuery = {}): Promise<{ total: number; newPaths: number; rows: StoredInventoryRow[] }> {
    return this.ports.inventory.list(project, query);
  }

  async csv(project: string, query: InventoryQuery, actor: Actor): Promise<string> {
    const { rows } = await this.ports.inventory.list(project, { ...query, limit: 100_000, offset: 0 });
    await this.ports.audit.record({ action: 'review.tags-csv', actor, project, details: { rows: rows.length } });
    return inventoryCsv(rows);
  }

  async acknowledge(project: string, actor: Actor): Promise<{ acknowledged: number }> {
    const acknowledged = await this.ports.inventory.acknowledge(project);
    await this.ports.audit.record({ action: 'review.acknowledge-tags', actor, project, details: { acknowledged } });
    return { acknowledged };
  }
}
