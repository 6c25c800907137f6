// What keeps a quarantined study from retention, seen from routing and forwarding: an assignment whose
// transfer is not done (queued, running, failed, or not made yet) and a pixel review still waiting. A study
// is confirmed when every project it is assigned to has a done transfer; confirmedAt is the last of them.
import type { Db } from '../../platform/db/database.js';

export interface StudyHoldFacts {
  hold: string | null;
  assigned: boolean;
  confirmedAt: string | null;
}

export interface StudyHolds {
  of(studyInstanceUids: string[]): Promise<Map<string, StudyHoldFacts>>;
}

export function studyHolds(db: Db): StudyHolds {
  return {
    async of(uids) {
      const out = new Map<string, StudyHoldFacts>(uids.map((uid) => [uid, { hold: null, assigned: false, confirmedAt: null }]));
      for (let i = 0; i < uids.length; i += 500) {
        const batch = uids.slice(i, i + 500);
        const [assignments, transfers, reviews] = await Promise.all([
          db.kysely.selectFrom('assignments').select(['study_instance_uid', 'project_name']).where('study_instance_uid', 'in', batch).execute(),
          db.kysely.selectFrom('transfers').select(['study_instance_uid', 'project_name', 'status', 'finished_at']).where('study_instance_uid', 'in', batch).execute(),
          db.kysely.selectFrom('pixel_reviews').select('study_instance_uid').distinct().where('study_instance_uid', 'in', batch).where('status', '=', 'pending').execute(),
        ]);
        const transferOf = new Map(transfers.map((t) => [`${t.study_instance_uid}\n${t.project_name}`, t]));
        for (const a of assignments) {
          const facts = out.get(a.study_instance_uid)!;
          facts.assigned = true;
          const t = transferOf.get(`${a.study_instance_uid}\n${a.project_name}`);
          if (!t) facts.hold ??= 'assigned, not sent';
          else if (t.status !== 'done') facts.hold ??= `transfer ${t.status}`;
          else if (t.finished_at && (!facts.confirmedAt || t.finished_at > facts.confirmedAt)) facts.confirmedAt = t.finished_at;
        }
        // A transfer without its assignment row (should not happen) holds the study as well.
        for (const t of transfers) if (t.status !== 'done') out.get(t.study_instance_uid)!.hold ??= `transfer ${t.status}`;
        for (const r of reviews) out.get(r.study_instance_uid)!.hold ??= 'pixel review waiting';
        for (const facts of out.values()) if (facts.hold) facts.confirmedAt = null;
      }
      return out;
    },
  };
}
