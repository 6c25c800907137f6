// Passwords everybody tries first. The list is zxcvbn-ts's "passwords-common" dictionary (@zxcvbn-ts/
// language-common, ~49,000 entries from leaked-password frequency lists), shipped as an npm package so no
// list is fetched at run time. A password is refused when it is on the list once case, and digits and
// symbols padded around it, are taken off ("Password2024!" is "password"), or when it is a few characters
// repeated ("aaaaaaaaaaaa", "abcabcabcabc").
/** The lower-cased list; rules.ts takes it as an argument so its checks stay pure and synchronous. */
export type CommonPasswords = ReadonlySet<string>;

let loading: Promise<CommonPasswords> | undefined;

/**
 * The list, loaded at its first use: the package decompresses all its dictionaries when it is loaded, ~150 ms
 * that every start of `fiona serve` paid (its CPU profile) for a list needed only when a password is set.
 */
export function commonPasswords(): Promise<CommonPasswords> {
  return (loading ??= import('@zxcvbn-ts/language-common').then((loaded) => {
    // A CommonJS package: Node gives its exports as the default too, and that is all the bundle gives.
    const { dictionary } = (loaded as unknown as { default?: typeof loaded }).default ?? loaded;
    return new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));
  }));
}

/** Why the password is a common one, or null when it is not. */
export function commonPasswordReason(password: string, common: CommonPasswords): string | null {
  const lower = password.toLowerCase();
  if (common.has(lower)) return 'is one of the most common passwords';
  const core = lower.replace(/^[\d\W_]+|[\d\W_]+$/g, '');
  if (core.length >= 4 && core !== lower && common.has(core)) return `is a common password ("${core}") with digits or symbols added`;
  if (new Set(lower).size < 5) return 'repeats too few different characters';
  return null;
}
