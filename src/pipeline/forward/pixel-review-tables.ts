// Kysely types of the pixel review tables (see the pixel-review migration).
import type { Generated } from 'kysely';

export interface PixelReviewRow {
  id: string;
  project_name: string;
  transfer_id: string | null;
  study_instance_uid: string;
  series_instance_uid: string;
  sop_instance_uid: string;
  frames: Generated<number>;
  at_risk: Generated<number>;
  reason: string;
  proposed: string;
  status: string;
  masks: string | null;
  decided_by: string | null;
  decided_at: string | null;
  created_at: string;
}

export interface PixelSafeSeriesRow {
  project_name: string;
  series_instance_uid: string;
  decided_by: string | null;
  decided_at: string;
}

export interface PixelRegionsRow {
  project_name: string;
  regions: string;
  updated_by: string | null;
  updated_at: string;
}

export interface PixelReviewTables {
  pixel_reviews: PixelReviewRow;
  pixel_safe_series: PixelSafeSeriesRow;
  pixel_regions: PixelRegionsRow;
}
