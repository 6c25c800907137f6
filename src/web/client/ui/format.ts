// How values read on the pages: times, DICOM dates and names, counts.

const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

export function relativeTime(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '';
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return 'just now';
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), 'minute');
  if (abs < 86400) return rtf.format(Math.round(seconds / 3600), 'hour');
  return rtf.format(Math.round(seconds / 86400), 'day');
}

export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** DICOM DA (+ TM) as "2024-02-29 10:15". */
export function dicomDateTime(da: string | null | undefined, tm?: string | null): string {
  if (!da) return '';
  const date = /^\d{8}$/.test(da) ? `${da.slice(0, 4)}-${da.slice(4, 6)}-${da.slice(6, 8)}` : da;
  const t = tm && /^\d{4}/.test(tm) ? ` ${tm.slice(0, 2)}:${tm.slice(2, 4)}` : '';
  return date + t;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** DICOM person names (Last^First) read better with spaces. */
export function personName(pn: string | null | undefined): string {
  return pn ? pn.split('^').filter(Boolean).join(' ') : '';
}
