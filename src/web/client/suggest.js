// "Our learning machine thinks you should look at this data": which project a study probably belongs
// to, learned from earlier assignments. Each earlier assignment votes for its project with the features
// its study shares with this one (same description counts most, then station, then institution).

const WEIGHTS = { studyDescription: 3, stationName: 2, institutionName: 1 };
const LABELS = { studyDescription: 'description', stationName: 'station', institutionName: 'institution' };

function norm(value) {
  return typeof value === 'string' ? value.trim().toLowerCase().replace(/\s+/g, ' ') : '';
}

/**
 * @param study the study to place
 * @param history earlier assignments: { project, studyDescription, stationName, institutionName }
 * @param projects names the user may assign to
 * @returns { project, count, because: ['station', …] } or null
 */
export function suggestProject(study, history, projects) {
  const allowed = new Set(projects);
  const scores = new Map();
  for (const past of history) {
    if (!allowed.has(past.project) || past.studyInstanceUid === study.studyInstanceUid) continue;
    let score = 0;
    const shared = [];
    for (const key of Object.keys(WEIGHTS)) {
      const a = norm(past[key]);
      if (a && a === norm(study[key])) {
        score += WEIGHTS[key];
        shared.push(key);
      }
    }
    if (score === 0) continue;
    const entry = scores.get(past.project) ?? { project: past.project, score: 0, count: 0, shared: new Set() };
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
  return { project: best.project, count: best.count, because: Object.keys(WEIGHTS).filter((k) => best.shared.has(k)).map((k) => LABELS[k]) };
}
