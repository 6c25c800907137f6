// Runs the server's checks of configured patterns (auto-ID rule, participant ID, coupling list) on a pattern
// and a value given as arguments, in a process of its own: a test kills it if a pattern stalls it.
import { applyAutoIdRule } from '../../src/projects/auto-id-rule.js';
import { checkParticipantId } from '../../src/projects/rules.js';
import { parseCouplingList } from '../../src/pipeline/routing/coupling-csv.js';

const [pattern, value] = process.argv.slice(2);
const results: unknown[] = [applyAutoIdRule({ field: 'PatientID', pattern, event: 'baseline' }, { patientId: value, patientName: null }) ?? null];
try {
  checkParticipantId({ participantPattern: pattern }, value.slice(0, 64));
  results.push('accepted');
} catch (err) {
  results.push((err as Error).message.slice(0, 40));
}
results.push(parseCouplingList(`ACC1,${value.slice(0, 64)}`, { participantPattern: pattern, events: ['baseline'] }, new Map()).errors.length);
console.log(JSON.stringify(results));
