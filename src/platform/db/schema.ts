// The database schema as Kysely types: one interface per area, joined here. Each area's tables are
// declared beside the repository that uses them.
import type { QuarantineTables } from '../../pipeline/quarantine/tables.js';
import type { AuthTables } from '../auth/tables.js';
import type { LifecycleTables, ProjectTables } from '../../projects/tables.js';
import type { AuditTables } from '../audit/tables.js';
import type { CorrectionTables, RoutingTables } from '../../pipeline/routing/tables.js';
import type { ForwardTables } from '../../pipeline/forward/tables.js';
import type { JobTables } from '../jobs/tables.js';
import type { PixelReviewTables } from '../../pipeline/forward/pixel-review-tables.js';
import type { ReviewTables } from '../../pipeline/forward/review-tables.js';
import type { RefusalTables } from '../../pipeline/forward/refusals-tables.js';
import type { ExportTables } from '../../pipeline/export/tables.js';
import type { NotificationTables } from '../../notifications/tables.js';

export type Database = QuarantineTables & AuthTables & ProjectTables & AuditTables & RoutingTables & ForwardTables & JobTables & PixelReviewTables & ReviewTables & ExportTables & LifecycleTables & CorrectionTables & RefusalTables & NotificationTables;
