// The API's objects as the pages name them, taken from the generated schema (never written by hand).
import type { ApiResult } from './client.js';

export type Session = ApiResult<'/api/session', 'get'>;
/** A quarantine study as GET /api/studies and the `study` events of /api/events send it (no patient identity). */
export type Study = ApiResult<'/api/studies', 'get'>[number];
export type Project = ApiResult<'/api/projects/{name}', 'get'>;
export type ProjectRole = ApiResult<'/api/projects/{name}/members', 'get'>[number]['role'];
export type Member = ApiResult<'/api/projects/{name}/members', 'get'>[number];
export type Participant = ApiResult<'/api/projects/{name}/participants', 'get'>[number];
export type ImagingRecord = ApiResult<'/api/projects/{name}/studies', 'get'>[number];
export type Transfer = ApiResult<'/api/transfers', 'get'>[number];
export type TransferStatus = Transfer['status'];
export type CouplingEntry = ApiResult<'/api/projects/{name}/coupling-list', 'get'>[number];
export type CouplingUpload = ApiResult<'/api/projects/{name}/coupling-list', 'post'>;
export type User = ApiResult<'/api/users', 'get'>[number];
export type ApiToken = ApiResult<'/api/tokens', 'get'>[number];
export type CreatedToken = ApiResult<'/api/tokens', 'post'>;
export type PixelReview = ApiResult<'/api/projects/{name}/pixel-reviews', 'get'>['reviews'][number];
export type TagRow = ApiResult<'/api/projects/{name}/review/tags', 'get'>['rows'][number];
export type ExportJob = ApiResult<'/api/exports', 'get'>[number];
export type Application = ApiResult<'/api/applications', 'get'>[number];
export type Correction = ApiResult<'/api/projects/{name}/corrections', 'get'>[number];
export type RefusalStudy = ApiResult<'/api/projects/{name}/review/refusals', 'get'>['studies'][number];
export type Refusal = RefusalStudy['refusals'][number];
export type RefusalDecision = NonNullable<Refusal['decision']>;
export type DryRun = ApiResult<'/api/projects/{name}/dry-run', 'post'>;
