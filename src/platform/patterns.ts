// Regular expressions that come from configuration (a project's participant-ID pattern, its auto-ID rule) and
// are matched against values a sender controls (PatientID, PatientName, typed or uploaded IDs). JavaScript's
// backtracking engine can take exponential time on patterns like (a+)+b; one such pattern and a 30-character
// value would stall the whole process (listener, web app, workers). So these are compiled with RE2JS, a port
// of RE2: matching time is linear in the value, whatever the pattern. RE2 has no look-around and no
// back-references; patterns that use them are refused when they are saved, with that reason. Values longer
// than MAX_MATCHED_LENGTH are not matched at all.
import { RE2JS } from 're2js';

/** Longest value a configured pattern is matched against (PatientName: three 64-character groups, separators). */
export const MAX_MATCHED_LENGTH = 256;

export class PatternError extends Error {}

export interface CompiledPattern {
  /** The pattern matches the whole value. */
  test(value: string): boolean;
  /** Capture groups of a whole-value match (index 0 is the value), and named groups; null when it does not match. */
  exec(value: string): { groups: Array<string | undefined>; named: Record<string, string | undefined> } | null;
  /** Number of capture groups. */
  groupCount: number;
}

const cache = new Map<string, CompiledPattern>();

/** Compiles a pattern matched against whole values; throws PatternError with the reason. */
export function compilePattern(pattern: string): CompiledPattern {
  const cached = cache.get(pattern);
  if (cached) return cached;
  let re: RE2JS;
  try {
    re = RE2JS.compile(`(?:${pattern})`);
  } catch (err) {
    const message = (err as Error).message.replace(/^error parsing regexp: /, '');
    const hint = /\(\?[=!<]|\\[1-9]/.test(pattern) ? ' (look-ahead, look-behind and back-references are not supported: patterns run on a linear-time engine)' : '';
    throw new PatternError(`${message}${hint}`);
  }
  const names = re.namedGroups() as Record<string, number>;
  const compiled: CompiledPattern = {
    groupCount: re.groupCount(),
    test: (value) => value.length <= MAX_MATCHED_LENGTH && re.matches(value),
    exec: (value) => {
      if (value.length > MAX_MATCHED_LENGTH) return null;
      const m = re.matcher(value);
      if (!m.matches()) return null;
      const groups: Array<string | undefined> = [];
      for (let i = 0; i <= re.groupCount(); i++) groups.push(m.group(i) ?? undefined);
      const named: Record<string, string | undefined> = {};
      for (const [name, index] of Object.entries(names)) named[name] = groups[index];
      return { groups, named };
    },
  };
  if (cache.size > 500) cache.clear();
  cache.set(pattern, compiled);
  return compiled;
}
