// The participant ID rules as the server applies them (projects/rules.ts checkParticipantId), so the
// page can say why an ID is refused while it is typed. The server checks again.

export function compilePattern(pattern: string): RegExp | null {
  try {
    return new RegExp(`^(?:${pattern})$`);
  } catch {
    return null;
  }
}

/** null when the ID is acceptable, else the reason in words. */
export function participantProblem(pattern: string, id: string): string | null {
  if (id.length === 0) return 'Enter a participant ID.';
  if (id.length > 64) return 'At most 64 characters.';
  if (id.trim() !== id) return 'No spaces at the start or end.';
  // eslint-disable-next-line no-control-regex
  if (id.includes('\\') || /[\u0000-\u001f\u007f]/.test(id)) return 'No backslash or control characters.';
  const re = compilePattern(pattern);
  if (re && !re.test(id)) return `"${id}" does not follow this project's rule: IDs must match ${pattern}`;
  return null;
}

/** A readable example of an ID for the simplest patterns ("abc\\d{3}" → "abc001"; n = 2: "abc002"), else null. */
export function exampleId(pattern: string, n = 1): string | null {
  const m = /^([A-Za-z0-9_-]*)(?:\\d|\[0-9\])\{(\d+)\}$/.exec(pattern);
  if (!m) return null;
  return `${m[1]}${String(n).padStart(Number(m[2]), '0')}`;
}
