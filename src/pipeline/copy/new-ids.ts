// New participant IDs for an anonymised copy: drawn at random (crypto) so that nothing about the new ID
// follows from the old one — no counter in the old order, no hash of the old ID. Each matches the new
// project's participant-ID pattern in full (randexp writes a string for the pattern; the project's own
// rule checks it, so an ID randexp gets wrong is drawn again), differs from every old ID, and is unique.
// Where the admin gives no pattern, the copy gets COPY_PATTERN: 8 random digits after "C".
import { randomInt } from 'node:crypto';
import RandExp from 'randexp';
import { RuleError } from '../../platform/errors.js';
import { checkParticipantId } from '../../projects/rules.js';

export const COPY_PATTERN = 'C\\d{8}';
const ATTEMPTS_PER_ID = 200;

/** `count` distinct random IDs matching `pattern`, none of them in `avoid`. */
export function randomParticipantIds(pattern: string, count: number, avoid: ReadonlySet<string>): string[] {
  const generator = new RandExp(pattern);
  generator.max = 12;
  generator.randInt = (from, to) => randomInt(from, to + 1);
  const ids = new Set<string>();
  let misses = 0;
  while (ids.size < count) {
    const id = generator.gen();
    let ok = !avoid.has(id) && !ids.has(id);
    if (ok) {
      try {
        checkParticipantId({ participantPattern: pattern }, id, 'participantPattern');
      } catch {
        ok = false;
      }
    }
    if (ok) ids.add(id);
    else if (++misses > ATTEMPTS_PER_ID * (count + 1)) {
      throw new RuleError(`participantPattern: ${pattern} does not give ${count} distinct new participant IDs (different from the original's); choose a pattern with more room, e.g. ${COPY_PATTERN}`, 'participantPattern');
    }
  }
  return [...ids];
}
