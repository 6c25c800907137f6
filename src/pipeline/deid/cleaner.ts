// The descriptor cleaner (spec section 5): removes the patient's name parts, IDs, accession and birth date in
// any common format, Norwegian national ID numbers, phone numbers and e-mail addresses from free text.
// Works on latin1-decoded text, so untouched bytes of any character set come back unchanged.

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Not inside a longer word or number (bytes >= 0x80 count as letters: parts of multi-byte characters). */
const BEFORE = '(?<![A-Za-z0-9\\x80-\\xff])';
const AFTER = '(?![A-Za-z0-9\\x80-\\xff])';

const NATIONAL_ID = /(?<!\d)\d{6}\s?\d{5}(?!\d)/g;
const PHONE = /(?<![\w.])\+?\(?\d[\d\s\-()]{6,}\d(?![\w.])/g;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+/g;

export type Cleaner = (text: string) => string;

export function makeCleaner(tokens: Iterable<string>): Cleaner {
  const words = [...new Set([...tokens].map((t) => t.trim()).filter((t) => t.length >= 2))].sort((a, b) => b.length - a.length);
  const tokenPattern = words.length ? new RegExp(`${BEFORE}(?:${words.map(escape).join('|')})${AFTER}`, 'gi') : undefined;
  return (text: string): string => {
    // E-mail first: its local part often holds the name tokens, which would leave "@example.org" behind.
    let out = text.replace(EMAIL, ' ');
    if (tokenPattern) out = out.replace(tokenPattern, ' ');
    out = out.replace(NATIONAL_ID, ' ').replace(PHONE, (match) => (match.replace(/\D/g, '').length >= 8 ? ' ' : match));
    if (out === text) return text;
    // Collapse the gaps the removals left; keep multi-value separators.
    return out
      .split('\\')
      .map((v) => v.replace(/\s{2,}/g, ' ').replace(/\s+([,;:])/g, '$1').replace(/^[\s,;:]+|[\s,;:]+$/g, ''))
      .join('\\');
  };
}

export function truncateTo(text: string, max: number | undefined): string {
  return max !== undefined && text.length > max ? text.slice(0, max).trimEnd() : text;
}
