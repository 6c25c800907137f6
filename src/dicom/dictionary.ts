// Tag -> VR/keyword lookups over the generated PS3.6 dictionary. Parsed once at module load (~5,000 lines, ~1 ms).
import { dictionaryText } from './dictionary.generated.js';
import { groupOf, elementOf, formatTag, isPrivateCreator, isPrivateTag } from './tag.js';

interface Entry {
  vr: string;
  keyword: string;
}

const entries = new Map<number, Entry>();
for (const line of dictionaryText.split('\n')) {
  if (line.length < 12) continue;
  const tag = parseInt(line.slice(0, 8), 16) >>> 0;
  const space = line.indexOf(' ', 9);
  entries.set(tag, { vr: line.slice(9, space), keyword: line.slice(space + 1) });
}

/** 50xx and 60xx are repeating groups; the dictionary lists them under their base group. */
function foldRepeatingGroup(tag: number): number {
  const group = groupOf(tag);
  if ((group & 0xff00) === 0x5000 || (group & 0xff00) === 0x6000) {
    return (((group & 0xff00) << 16) | elementOf(tag)) >>> 0;
  }
  return tag;
}

/** The VR an implicit-VR file means for `tag`, or undefined when the dictionary does not know it. */
export function dictionaryVr(tag: number): string | undefined {
  if (isPrivateTag(tag)) return isPrivateCreator(tag) ? 'LO' : undefined;
  if (elementOf(tag) === 0) return 'UL'; // group length
  return entries.get(foldRepeatingGroup(tag))?.vr;
}

const byKeyword = new Map<string, number>();
for (const [tag, entry] of entries) if (entry.keyword && !byKeyword.has(entry.keyword)) byKeyword.set(entry.keyword, tag);

/** The tag of a PS3.6 keyword ("StudyInstanceUID" → 0x0020000d), for query parameters that name attributes. */
export function tagOfKeyword(keyword: string): number | undefined {
  return byKeyword.get(keyword);
}

export function keywordOf(tag: number): string | undefined {
  return entries.get(foldRepeatingGroup(tag))?.keyword;
}

/** "(0010,0010) PatientName" for reports; private and unknown tags print as the bare tag. */
export function describeTag(tag: number): string {
  const keyword = isPrivateTag(tag) ? undefined : keywordOf(tag);
  return keyword ? `${formatTag(tag)} ${keyword}` : formatTag(tag);
}
