// Kysely types of the review tables (see the tag-inventory migration).
import type { Generated } from 'kysely';

export interface TagInventoryRow {
  project_name: string;
  path: string;
  name: string;
  vr: string;
  instances: number;
  distinct_values: Generated<number>;
  samples: string;
  flags: number;
  first_seen_at: string;
  acknowledged: Generated<number>;
}

export interface TagInventoryValueRow {
  project_name: string;
  path: string;
  value: string;
}

export interface ReviewTables {
  tag_inventory: TagInventoryRow;
  tag_inventory_values: TagInventoryValueRow;
}
