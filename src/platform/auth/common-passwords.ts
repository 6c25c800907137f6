// Passwords everybody tries first. The list is zxcvbn-ts's "passwords-common" dictionary (@zxcvbn-ts/
// language-common, ~49,000 entries from leaked-password frequency lists), shipped as an npm package so no
// list is fetched at run time. A password is refused when it is on the list once case, and digits and
// symbols padded around it, are taken off ("Password2024!" is "password"), or when it is a few characters
// repeated ("aaaaaaaaaaaa", "abcabcabcabc").
import { dictionary } from '@zxcvbn-ts/language-common';

let common: Set<string> | undefined;

function list(): Set<string> {
  return (common ??= new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase())));
}

/** Why the password is a common one, or null when it is not. */
export function commonPasswordReason(password: string): string | null {
  const lower = password.toLowerCase();
  if (list().has(lower)) return 'is one of the most common passwords';
  const core = lower.replace(/^[\d\W_]+|[\d\W_]+$/g, '');
  if (core.length >= 4 && core !== lower && list().has(core)) return `is a common password ("${core}") with digits or symbols added`;
  if (new Set(lower).size < 5) return 'repeats too few different characters';
  return null;
}
