// Dates: one keyed offset per (project, participant), applied to every DA and to the date part of every DT.
import { createHmac } from 'node:crypto';

/** -(1 + (uint32be(HMAC-SHA256(KEY, "date" 0 project 0 participant)[0..3]) mod 730)): in [-730, -1]. */
export function dateOffsetDays(key: Uint8Array, project: string, participant: string, options: { preserveWeekday?: boolean } = {}): number {
  const digest = createHmac('sha256', key).update(`date\0${project}\0${participant}`, 'utf8').digest();
  const days = -(1 + (digest.readUInt32BE(0) % 730));
  if (!options.preserveWeekday) return days;
  // Whole weeks, still negative and never 0: -1..-3 round to -7, -730 rounds to -728.
  return Math.min(-7, Math.round(days / 7) * 7);
}

const DAY = 86_400_000;

function shiftYmd(year: number, month: number, day: number, offset: number): Date | undefined {
  const time = Date.UTC(year, month - 1, day);
  const check = new Date(time);
  if (year < 1 || check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  return new Date(time + offset * DAY);
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/**
 * Shifts the date part of a DA or DT value, keeping its precision (YYYY, YYYYMM, YYYYMMDD) and, for DT, the
 * time, fraction and UTC offset unchanged. Undefined when the value is not a date we can shift.
 */
export function shiftDateValue(value: string, offset: number, vr: 'DA' | 'DT'): string | undefined {
  const text = value.trim();
  // ACR-NEMA style YYYY.MM.DD still occurs in DA; written back in the standard form.
  const legacy = vr === 'DA' ? /^(\d{4})\.(\d{2})\.(\d{2})$/.exec(text) : null;
  const m = legacy ?? (vr === 'DA' ? /^(\d{4})(\d{2})?(\d{2})?$/ : /^(\d{4})(\d{2})?(\d{2})?(\d{2}(\d{2}(\d{2}(\.\d{1,6})?)?)?)?([+-]\d{4})?$/).exec(text);
  if (!m) return undefined;
  if (vr === 'DT' && m[4] && !m[3]) return undefined; // a time needs a full date before it
  const year = Number(m[1]);
  const shifted = shiftYmd(year, m[2] ? Number(m[2]) : 1, m[3] ? Number(m[3]) : 1, offset);
  if (!shifted) return undefined;
  let out = pad(shifted.getUTCFullYear(), 4);
  if (m[2]) out += pad(shifted.getUTCMonth() + 1, 2);
  if (m[3]) out += pad(shifted.getUTCDate(), 2);
  if (vr === 'DT') out += text.slice(m[3] ? 8 : m[2] ? 6 : 4);
  return out;
}

/** PatientAge (AS) at `at` for someone born on `birth` (both YYYYMMDD), in the largest unit that fits 3 digits. */
export function ageAt(birth: string, at: string): string | undefined {
  const b = /^(\d{4})(\d{2})(\d{2})$/.exec(birth.trim());
  const a = /^(\d{4})(\d{2})(\d{2})$/.exec(at.trim());
  if (!b || !a) return undefined;
  const [by, bm, bd] = [Number(b[1]), Number(b[2]), Number(b[3])];
  const [ay, am, ad] = [Number(a[1]), Number(a[2]), Number(a[3])];
  let months = (ay - by) * 12 + (am - bm);
  if (ad < bd) months--;
  if (months < 0) return undefined;
  const years = Math.floor(months / 12);
  if (years >= 1) return years > 999 ? undefined : `${pad(years, 3)}Y`;
  if (months >= 1) return `${pad(months, 3)}M`;
  const days = Math.round((Date.UTC(ay, am - 1, ad) - Date.UTC(by, bm - 1, bd)) / DAY);
  return `${pad(days, 3)}D`;
}
