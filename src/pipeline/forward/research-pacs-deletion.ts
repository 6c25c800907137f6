// Deleting a study from a research PACS. DIMSE has no delete service (C-STORE, C-FIND, C-MOVE, C-GET,
// storage commitment; IHE IOCM's rejection notes are stored Key Object Selection documents that a PACS may
// act on, and Orthanc does not), so this is a narrow adapter per PACS product: Orthanc's REST API
// (POST /tools/lookup, GET /studies/{id}/instances, DELETE /studies/{id}), configured per destination AE
// title in `researchPacs.orthancRest`.
import type { Destination } from '../../projects/rules.js';
import { describeDestination, DestinationError } from './research-pacs.js';

export interface StudyDeletion {
  /** Instances the PACS held of the study and removed (0: it held none). */
  instances: number;
}

export interface ResearchPacsDeletion {
  /** Whether Fiona can delete from this destination at all (else a person must, by hand). */
  canDelete(destination: Destination): boolean;
  deleteStudy(destination: Destination, researchStudyUid: string): Promise<StudyDeletion>;
}

/** Base URLs of Orthanc REST APIs by the destination's AE title; credentials in the URL become Basic auth. */
export function orthancRestDeletion(baseUrls: Record<string, string>, fetchFn: typeof fetch = fetch): ResearchPacsDeletion {
  const endpoint = (destination: Destination) => {
    const raw = baseUrls[destination.aet];
    if (!raw) throw new DestinationError(`Fiona cannot delete from ${describeDestination(destination)}: no researchPacs.orthancRest URL for ${destination.aet}`);
    const url = new URL(raw);
    const headers: Record<string, string> = {};
    if (url.username) headers.authorization = `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}`;
    url.username = '';
    url.password = '';
    return { base: url.href.replace(/\/$/, ''), headers };
  };
  const call = async (destination: Destination, method: string, path: string, body?: string) => {
    const { base, headers } = endpoint(destination);
    let res: Response;
    try {
      res = await fetchFn(`${base}${path}`, { method, headers, body, signal: AbortSignal.timeout(60_000) });
    } catch (err) {
      throw new DestinationError(`${describeDestination(destination)} REST API: ${(err as Error).message}`, { cause: err });
    }
    if (!res.ok) throw new DestinationError(`${describeDestination(destination)} REST API answered ${method} ${path.split('/').slice(0, 2).join('/')} with HTTP ${res.status}`);
    return res.status === 204 ? undefined : ((await res.json()) as unknown);
  };
  return {
    canDelete: (destination) => destination.aet in baseUrls,
    async deleteStudy(destination, researchStudyUid) {
      const found = (await call(destination, 'POST', '/tools/lookup', researchStudyUid)) as Array<{ ID: string; Type: string }>;
      let instances = 0;
      for (const hit of found.filter((h) => h.Type === 'Study')) {
        instances += ((await call(destination, 'GET', `/studies/${encodeURIComponent(hit.ID)}/instances`)) as unknown[]).length;
        await call(destination, 'DELETE', `/studies/${encodeURIComponent(hit.ID)}`);
      }
      return { instances };
    },
  };
}
