// The de-identification engine's public surface. Pure: bytes and a context in, bytes and a report out.
export { deidentify, type DeidResult } from './deidentify.js';
export { DeidRefusal, type RefusalCode, type RefusalPlace } from './refusal.js';
export { defaultOptions, type DeidContext, type DeidOptions, type PrivateAllowEntry } from './context.js';
export type { DeidReport, AuditEntry } from './report.js';
export { dateOffsetDays, shiftDateValue } from './dates.js';
export { newUid, legacyUid, accessionHash, DEFAULT_UID_ROOT } from './uids.js';
export { verify, type VerifyResult, type VerifyHit } from './verify.js';
export { deidContext, engineSettings, parseAllowEntry, type DeidSubject, type DeidInstallation } from './project-context.js';
