// Where quarantine files live: <dataDir>/quarantine/<study UID>/<series UID>/<SOP instance UID>.dcm, as the
// original system's archive folders. UIDs become path components; a UID with characters a UID may not
// have (some modalities write them) is named by its hash instead, so nothing escapes the folder.
import { createHash } from 'node:crypto';
import { join } from 'node:path';

const UID = /^[0-9][0-9.]{0,63}$/;

export function isSafeUid(uid: string): boolean {
  return UID.test(uid) && !uid.includes('..');
}

function component(uid: string): string {
  return isSafeUid(uid) ? uid : `x${createHash('sha256').update(uid).digest('hex').slice(0, 40)}`;
}

export function quarantineRoot(dataDir: string): string {
  return join(dataDir, 'quarantine');
}

/** Temporary files of instances being received: same file system as the quarantine, so a rename is atomic. */
export function incomingDir(dataDir: string): string {
  return join(dataDir, 'incoming');
}

/** Empty temporary files made ahead of need (receive/spare-files.ts); same file system, so a link is atomic. */
export function spareDir(dataDir: string): string {
  return join(dataDir, 'spare');
}

/** Files found in the quarantine without an index row that do not parse whole: kept for a person, not indexed. */
export function damagedDir(dataDir: string): string {
  return join(dataDir, 'damaged');
}

/** A study's folder in the quarantine. */
export function studyDir(dataDir: string, studyUid: string): string {
  return join(quarantineRoot(dataDir), component(studyUid));
}

/** Where retention moves a study's folder before it removes the rows and then the files (see removal.ts). */
export function removingDir(dataDir: string): string {
  return join(dataDir, 'removing');
}

export function instancePath(dataDir: string, studyUid: string, seriesUid: string, sopInstanceUid: string): string {
  return join(quarantineRoot(dataDir), component(studyUid), component(seriesUid), `${component(sopInstanceUid)}.dcm`);
}

/** Copies that conflict with a quarantined instance (a different dataset under the same SOP Instance UID): kept
 *  outside the quarantine tree, so nothing that routes or forwards ever reads them by accident. */
export function conflictsDir(dataDir: string): string {
  return join(dataDir, 'conflicts');
}

export function conflictPath(dataDir: string, conflictId: string): string {
  return join(conflictsDir(dataDir), `${conflictId}.dcm`);
}
