// Parses `--option name[=value]` flags of `fiona deid` into per-project de-identification options.
import type { DeidOptions, PrivateAllowEntry } from '../pipeline/deid/index.js';

const flag = (value: string | undefined): boolean => value === undefined || /^(1|true|yes|on)$/i.test(value);

/** "SIEMENS CSA HEADER:0029:10" -> {creator, group 0x0029, element 0x10}. */
export function parseAllowEntry(text: string): PrivateAllowEntry {
  const m = /^(.+):([0-9a-f]{4}):([0-9a-f]{2})$/i.exec(text.trim());
  if (!m || (parseInt(m[2], 16) & 1) === 0) throw new Error(`retainSafePrivate wants CREATOR:gggg:ee with an odd group, got "${text}"`);
  return { creator: m[1], group: parseInt(m[2], 16), element: parseInt(m[3], 16) };
}

export function parseDeidOptions(flags: string[]): Partial<DeidOptions> {
  const options: Partial<DeidOptions> = {};
  for (const raw of flags) {
    const eq = raw.indexOf('=');
    const name = eq < 0 ? raw : raw.slice(0, eq);
    const value = eq < 0 ? undefined : raw.slice(eq + 1);
    switch (name) {
      case 'fionaCompat':
      case 'preserveWeekday':
      case 'dropPresentationStates':
      case 'keepOverlays':
        options[name] = flag(value);
        break;
      case 'retainSafePrivate':
        options.retainSafePrivate = [...(options.retainSafePrivate ?? []), parseAllowEntry(value ?? '')];
        break;
      case 'legacyUids':
        if (value !== 'off' && value !== 'decimal' && value !== 'hex') throw new Error('legacyUids is off, decimal or hex');
        options.legacyUids = value;
        break;
      case 'sponsorName':
      case 'siteId':
      case 'siteName':
      case 'participantIdPattern':
        if (!value) throw new Error(`${name} needs a value (${name}=...)`);
        options[name] = value;
        break;
      default:
        throw new Error(`unknown de-identification option "${name}"`);
    }
  }
  return options;
}
