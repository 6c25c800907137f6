// "Our learning machine thinks you should look at this data": which project a study probably belongs
// to, learned from earlier assignments. Each earlier assignment votes for its project with the features
// its study shares with this one (same description counts most, then station, then institution).
import type { Study } from '../api/types.js';

const WEIGHTS = { studyDescription: 3, stationName: 2, institutionName: 1 } as const;
const LABELS = { studyDescription: 'description', stationName: 'station', institutionName: 'institution' } as const;
type Feature = keyof typeof WEIGHTS;
const FEATURES = Object.keys(WEIGHTS) as Feature[];

/** An earlier assignment and what its study showed. */
export type PastAssignment = { project: string; studyInstanceUid: string } & Partial<Record<Feature, string | null>>;

export interface Suggestion {
  project: string;
  /** How many earlier studies voted for it. */
  count: number;
  /** What they shared with this one: 'description', 'station', 'institution'. */
  because: string[];
}

function norm(value: unknown): string {
  return typeof value === 'string' ? value.trim().toLowerCase().replace(/\s+/g, ' ') : '';
}

/** @param projects names the user may assign to */
export function suggestProject(study: Pick<Study, 'studyInstanceUid' | Feature>, history: PastAssignment[], projects: string[]): Suggestion | null {
  const allowed = new Set(projects);
  const scores = new Map<string, { project: string; score: number; count: number; shared: Set<Feature> }>();
  for (const past of history) {
    if (!allowed.has(past.project) || past.studyInstanceUid === study.studyInstanceUid) continue;
    let score = 0;
    const shared: Feature[] = [];
    for (const key of FEATURES) {
      const a = norm(past[key]);
      if (a && a === norm(study[key])) {
        score += WEIGHTS[key];
        shared.push(key);
      }
    }
    if (score === 0) continue;
    const entry = scores.get(past.project) ?? { project: past.project, score: 0, count: 0, shared: new Set<Feature>() };
    entry.score += score;
    entry.count += 1;
    for (const key of shared) entry.shared.add(key);
    scores.set(past.project, entry);
  }
  const ranked = [...scores.values()].sort((a, b) => b.score - a.score || a.project.localeCompare(b.project));
  if (ranked.length === 0) return null;
  const best = ranked[0];
  // Only when one project clearly leads: a tie is no advice.
  if (ranked[1] && ranked[1].score === best.score) return null;
  return { project: best.project, count: best.count, because: FEATURES.filter((k) => best.shared.has(k)).map((k) => LABELS[k]) };
}
