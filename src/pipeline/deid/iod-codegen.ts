// Turns GDCM's machine-readable PS3.3 (Part3.xml: modules, macros and IOD module tables) into the attribute
// type table the engine resolves PS3.15's X/Z/D choices with (iod-types.generated.ts). Pure (XML text in,
// TypeScript text out), so a test can check that the committed table is what the vendored XML gives.
//
// Model: a module or macro is a list of rows, each an attribute (nesting depth from its leading '>', tag,
// type) or an include of another macro at a depth. Building one gives a node: tag -> {type, child node of the
// items when it is a sequence}. An IOD's root node merges all its modules; an attribute in several modules
// keeps its strongest type (1 before 2 before 3), because every module that holds it is checked.
import sax from 'sax';
import { FUNCTIONAL_GROUPS, MODULE_ADDITIONS, SOP_CLASS_IODS, UNRESOLVABLE_INCLUDES } from './iod-sources.js';

export type AttributeType = 1 | 2 | 3;

interface EntryRow {
  kind: 'entry';
  depth: number;
  group: string;
  element: string;
  name: string;
  type: string;
}

interface IncludeRow {
  kind: 'include';
  depth: number;
  ref: string;
}

type Row = EntryRow | IncludeRow;

export interface Part3Table {
  kind: 'module' | 'macro';
  /** "C.7.6.16-2": the table number. */
  table: string;
  /** Section reference of a module ("C.7.1.1"), by which IOD tables name it. */
  ref?: string;
  name: string;
  rows: Row[];
}

export interface Part3Iod {
  table: string;
  name: string;
  modules: Array<{ ie: string; name: string; ref: string; usage: string }>;
}

export interface Part3 {
  edition: string;
  header: string;
  tables: Part3Table[];
  iods: Part3Iod[];
}

/** Reads the parts of Part3.xml the table needs; descriptions and defined terms are skipped. */
export function readPart3(xml: string): Part3 {
  const parser = sax.parser(true, { trim: false });
  const part3: Part3 = { edition: '', header: '', tables: [], iods: [] };
  let table: Part3Table | undefined;
  let iod: Part3Iod | undefined;
  let depthInText = 0; // inside <description>, <section>…: entries there are prose, not rows
  parser.oncomment = (text) => {
    if (!part3.header && /Copyright/.test(text)) part3.header = text;
  };
  parser.onopentag = (node) => {
    const a = node.attributes as Record<string, string>;
    if (depthInText > 0 || !['tables', 'module', 'macro', 'iod', 'entry', 'include'].includes(node.name)) {
      depthInText++;
      return;
    }
    switch (node.name) {
      case 'tables':
        part3.edition = a.edition ?? '';
        break;
      case 'module':
      case 'macro':
        table = { kind: node.name, table: a.table ?? '', ref: a.ref, name: a.name ?? '', rows: [] };
        part3.tables.push(table);
        break;
      case 'iod':
        iod = { table: a.table ?? '', name: a.name ?? '', modules: [] };
        part3.iods.push(iod);
        break;
      case 'entry':
        if (iod) iod.modules.push({ ie: a.ie ?? '', name: a.name ?? '', ref: a.ref ?? '', usage: a.usage ?? '' });
        else if (table && a.group !== undefined) {
          const name = a.name ?? '';
          table.rows.push({ kind: 'entry', depth: nesting(name), group: a.group, element: a.element ?? '', name: name.replace(/^[>\s]+/, ''), type: a.type ?? '' });
        }
        break;
      case 'include':
        if (table) table.rows.push({ kind: 'include', depth: nesting(a.ref ?? ''), ref: (a.ref ?? '').replace(/^[>\s]+/, '') });
        break;
    }
  };
  parser.onclosetag = (name) => {
    if (depthInText > 0) {
      depthInText--;
      return;
    }
    if (name === 'module' || name === 'macro') table = undefined;
    if (name === 'iod') iod = undefined;
  };
  parser.write(xml).close();
  return part3;
}

function nesting(text: string): number {
  const m = /^[>\s]*/.exec(text)![0];
  return [...m].filter((c) => c === '>').length;
}

const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The rows and IOD tables of Part3.xml without its prose (descriptions are 90 % of its 2.3 MB): what the
 * repository vendors. readPart3(trimPart3(x)) reads the same as readPart3(x).
 */
export function trimPart3(xml: string): string {
  const part3 = readPart3(xml);
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  out.push(`<!--${part3.header}-->`);
  out.push('<!-- Trimmed by scripts/gen-iod-types.ts (trimPart3): descriptions, sections and terms removed. -->');
  out.push(`<tables edition="${escapeXml(part3.edition)}">`);
  const gt = (depth: number): string => '>'.repeat(depth);
  for (const iod of part3.iods) {
    out.push(`  <iod table="${escapeXml(iod.table)}" name="${escapeXml(iod.name)}">`);
    for (const m of iod.modules) out.push(`    <entry ie="${escapeXml(m.ie)}" name="${escapeXml(m.name)}" ref="${escapeXml(m.ref)}" usage="${escapeXml(m.usage)}"/>`);
    out.push('  </iod>');
  }
  for (const t of part3.tables) {
    const ref = t.ref === undefined ? '' : ` ref="${escapeXml(t.ref)}"`;
    out.push(`  <${t.kind}${ref} table="${escapeXml(t.table)}" name="${escapeXml(t.name)}">`);
    for (const r of t.rows) {
      if (r.kind === 'entry') out.push(`    <entry group="${r.group}" element="${r.element}" name="${escapeXml(gt(r.depth) + r.name)}" type="${escapeXml(r.type)}"/>`);
      else out.push(`    <include ref="${escapeXml(gt(r.depth) + r.ref)}"/>`);
    }
    out.push(`  </${t.kind}>`);
  }
  out.push('</tables>', '');
  return out.join('\n');
}

// ---- building nodes ----

interface Entry {
  type: AttributeType;
  child?: TypeNode;
}

class TypeNode {
  readonly entries = new Map<number, Entry>();
}

function typeOf(text: string): AttributeType | undefined {
  if (text.startsWith('1')) return 1; // 1 and 1C: when present, it needs a value
  if (text.startsWith('2')) return 2; // 2 and 2C: when present, it may be empty
  if (text.startsWith('3')) return 3;
  return undefined;
}

const stronger = (a: AttributeType, b: AttributeType): AttributeType => (a < b ? a : b);

/** Adds src's entries to target (which the caller owns); a tag in both gets the stronger type and merged items. */
function mergeInto(target: TypeNode, src: TypeNode): void {
  if (target === src) return;
  for (const [tag, e] of src.entries) {
    const mine = target.entries.get(tag);
    if (!mine) target.entries.set(tag, e);
    else target.entries.set(tag, { type: stronger(mine.type, e.type), child: mergeChildren(mine.child, e.child) });
  }
}

function mergeChildren(a: TypeNode | undefined, b: TypeNode | undefined): TypeNode | undefined {
  if (!a || a === b) return b ?? a;
  if (!b) return a;
  const node = new TypeNode();
  mergeInto(node, a);
  mergeInto(node, b);
  return node;
}

class Builder {
  private readonly byTable = new Map<string, Part3Table>();
  private readonly byModuleRef = new Map<string, Part3Table>();
  private readonly byName = new Map<string, Part3Table>();
  private readonly built = new Map<Part3Table, TypeNode>();
  readonly unresolved = new Set<string>();

  constructor(readonly part3: Part3) {
    for (const t of part3.tables) {
      if (!this.byTable.has(t.table)) this.byTable.set(t.table, t);
      if (t.ref && !this.byModuleRef.has(t.ref)) this.byModuleRef.set(t.ref, t);
      const alias = /invoked as\s*[“"']([^”"']+)/i.exec(t.name)?.[1]; // "… (invoked as “Code Sequence Macro”)"
      for (const key of alias ? [nameKey(t.name), nameKey(alias)] : [nameKey(t.name)]) if (!this.byName.has(key)) this.byName.set(key, t);
    }
  }

  module(ref: string): TypeNode | undefined {
    const t = this.byModuleRef.get(ref);
    if (!t) return undefined;
    const node = this.build(t);
    const added = MODULE_ADDITIONS[ref];
    if (!added) return node;
    const amended = new TypeNode();
    mergeInto(amended, node);
    for (const a of added) amended.entries.set(parseInt(a.tag, 16) >>> 0, { type: typeOf(a.type)! });
    return amended;
  }

  table(id: string): TypeNode {
    const t = this.byTable.get(id);
    if (!t) throw new Error(`Part3.xml has no table ${id}`);
    return this.build(t);
  }

  /** The table an include row names: by its table number (typos of the XML fixed), else by its quoted name. */
  private target(ref: string): Part3Table | undefined {
    const number = /Table\s*\(?\s*([A-Z]?[.\d][\dA-Za-z.-]*)/.exec(ref)?.[1]?.replace(/\.$/, '');
    if (number) {
      // The XML's own typos: "C.7-17A" for C.7-17a, "8.8.1" for 8.8-1.
      for (const candidate of [number, number.replace(/[A-Z]$/, (c) => c.toLowerCase()), number.replace(/\.(\d+)$/, '-$1')]) {
        const direct = this.byTable.get(candidate);
        if (direct) return direct;
      }
    }
    const quoted = /['‘“]+\s*([^'’”]+?)\s*['’”]/.exec(ref)?.[1] ?? /Include\s+(.+?)\s*,?\s*\(?Table/.exec(ref)?.[1];
    return quoted ? this.byName.get(nameKey(quoted)) : undefined;
  }

  build(t: Part3Table): TypeNode {
    const done = this.built.get(t);
    if (done) return done; // also a macro that includes itself (SR content trees): the node refers to itself
    const node = new TypeNode();
    this.built.set(t, node);
    const levels: TypeNode[] = [node];
    const last: Array<number | undefined> = [];
    for (const row of t.rows) {
      let depth = row.depth;
      if (depth > levels.length) depth = levels.length; // a skipped level in the XML: attach to the deepest open one
      if (depth === levels.length) {
        const parentTag = last[depth - 1];
        const parent = parentTag === undefined ? undefined : levels[depth - 1].entries.get(parentTag);
        if (!parent) continue;
        const child = new TypeNode();
        if (parent.child) mergeInto(child, parent.child);
        parent.child = child;
        levels.push(child);
      }
      levels.length = depth + 1;
      last.length = depth + 1;
      const here = levels[depth];
      if (row.kind === 'include') {
        const target = this.target(row.ref);
        if (target) mergeInto(here, this.build(target));
        else if (!UNRESOLVABLE_INCLUDES.some((re) => re.test(row.ref))) this.unresolved.add(`${t.table}: ${row.ref}`);
        last[depth] = undefined;
        continue;
      }
      const tag = tagOf(row.group, row.element);
      const type = typeOf(row.type);
      if (tag === undefined || type === undefined) {
        last[depth] = undefined;
        continue;
      }
      const old = here.entries.get(tag);
      // A fresh entry, so rows nested below it never change a node that an included macro shares.
      here.entries.set(tag, { type: old ? stronger(old.type, type) : type, child: old?.child });
      last[depth] = tag;
    }
    return node;
  }
}

/** A table's name as a set of words, so "Acquisition Per Projection" finds "Per Projection Acquisition". */
function nameKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/\(invoked as.*$/, '')
    .replace(/x-ray/g, 'x ray')
    .split(/[^a-z0-9]+/)
    .filter((w) => w && !['attributes', 'attribute', 'macro', 'module', 'table', 'the'].includes(w))
    .sort()
    .join(' ');
}

/** Tags with 'x' (repeating groups) are handled by the engine's overlay and curve rules, not by types. */
function tagOf(group: string, element: string): number | undefined {
  if (!/^[0-9a-f]{4}$/i.test(group) || !/^[0-9a-f]{4}$/i.test(element)) return undefined;
  return parseInt(group + element, 16) >>> 0;
}

export interface IodTypes {
  table: string;
  name: string;
  /** The IOD's modules, merged by the reader (shared between IODs, so stored once). */
  modules: TypeNode[];
  /** The items of both functional group sequences: the IOD's functional group macros. */
  functionalGroups?: TypeNode;
}

export interface IodTypeModel {
  edition: string;
  iods: IodTypes[];
  unresolved: string[];
}

export function buildModel(part3: Part3): IodTypeModel {
  const builder = new Builder(part3);
  const iods: IodTypes[] = [];
  const missing = new Set<string>();
  const wanted = new Set(Object.values(SOP_CLASS_IODS));
  for (const iod of part3.iods) {
    if (!wanted.has(iod.table)) continue;
    const modules: TypeNode[] = [];
    for (const m of iod.modules) {
      const node = builder.module(m.ref);
      if (node) modules.push(node);
      else missing.add(`${iod.table}: ${m.name} (${m.ref})`);
    }
    const groups = FUNCTIONAL_GROUPS[iod.table];
    let functionalGroups: TypeNode | undefined;
    if (groups) {
      functionalGroups = new TypeNode();
      for (const id of groups) mergeInto(functionalGroups, builder.table(id));
    }
    iods.push({ table: iod.table, name: iod.name.replace(/ IOD Modules$/, ''), modules: [...new Set(modules)], functionalGroups });
  }
  for (const table of wanted) if (!iods.some((i) => i.table === table)) throw new Error(`Part3.xml has no IOD table ${table}`);
  const unresolved = [...builder.unresolved, ...[...missing].map((m) => `module missing: ${m}`)].sort();
  return { edition: part3.edition, iods, unresolved };
}

// ---- serialising ----

/**
 * Nodes numbered and deduplicated (the same macro content at many places is stored once), each written as one
 * line of "TTTTTTTTk[.c]" words: tag in hex, k = type, c = the item node's number in base 36.
 */
function serialise(model: IodTypeModel): { lines: string[]; ids: Map<TypeNode, number> } {
  const all: TypeNode[] = [];
  const seen = new Set<TypeNode>();
  const visit = (node: TypeNode): void => {
    if (seen.has(node)) return;
    seen.add(node);
    all.push(node);
    for (const tag of [...node.entries.keys()].sort((a, b) => a - b)) {
      const child = node.entries.get(tag)!.child;
      if (child) visit(child);
    }
  };
  for (const iod of model.iods) {
    for (const m of iod.modules) visit(m);
    if (iod.functionalGroups) visit(iod.functionalGroups);
  }
  // Partition refinement: nodes with equal entries and equal child classes are one node.
  let classOf = new Map<TypeNode, number>(all.map((n) => [n, 0]));
  for (let count = 1; ; ) {
    const keys = new Map<string, number>();
    const next = new Map<TypeNode, number>();
    for (const node of all) {
      const key = wordsOf(node, (child) => classOf.get(child)!).join(' ');
      let id = keys.get(key);
      if (id === undefined) keys.set(key, (id = keys.size));
      next.set(node, id);
    }
    classOf = next;
    if (keys.size === count) break;
    count = keys.size;
  }
  // Number classes in first-visit order, so the output is stable.
  const ids = new Map<TypeNode, number>();
  const classIds = new Map<number, number>();
  const representative: TypeNode[] = [];
  for (const node of all) {
    const c = classOf.get(node)!;
    if (!classIds.has(c)) {
      classIds.set(c, classIds.size);
      representative.push(node);
    }
    ids.set(node, classIds.get(c)!);
  }
  const lines = representative.map((node) => wordsOf(node, (child) => ids.get(child)!).join(' '));
  return { lines, ids };
}

function wordsOf(node: TypeNode, id: (child: TypeNode) => number): string[] {
  return [...node.entries.keys()]
    .sort((a, b) => a - b)
    .map((tag) => {
      const e = node.entries.get(tag)!;
      const hex = tag.toString(16).padStart(8, '0');
      return e.child ? `${hex}${e.type}.${id(e.child).toString(36)}` : `${hex}${e.type}`;
    });
}

export function renderIodTypes(xml: string): string {
  const model = buildModel(readPart3(xml));
  const { lines, ids } = serialise(model);
  const iodLines = model.iods.map((iod) => {
    const modules = [...new Set(iod.modules.map((m) => ids.get(m)!))].join(', ');
    const groups = iod.functionalGroups ? `, ${ids.get(iod.functionalGroups)}` : '';
    return `  ['${iod.table}', '${iod.name.replace(/'/g, "\\'")}', [${modules}]${groups}],`;
  });
  const sopLines = Object.entries(SOP_CLASS_IODS)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([uid, table]) => `  '${uid}': '${table}',`);
  return `// GENERATED by scripts/gen-iod-types.ts from GDCM's machine-readable DICOM PS3.3 (Part3.xml, edition
// ${model.edition}; scripts/dicom-standard/gdcm-part3.xml, BSD, Copyright (c) 2006-2011 Mathieu Malaterre),
// SOP classes and functional groups from src/pipeline/deid/iod-sources.ts. Do not edit.
// Node lines (modules, sequence items, functional groups) of "TTTTTTTTk[.c]" words: tag in hex, type 1/2/3
// (1C/2C count as 1/2), c = the item node in base 36. An IOD is its module nodes merged (strongest type wins)
// plus, for enhanced objects, the node of its functional group macros.
// Includes the generator could not resolve (${model.unresolved.length}):
${model.unresolved.map((u) => `//   ${u.replace(/\s+/g, ' ')}`).join('\n')}

/** IOD table, name, module nodes, functional group macros node. */
export const iods: ReadonlyArray<readonly [string, string, readonly number[], number?]> = [
${iodLines.join('\n')}
];

/** SOP Class UID -> IOD table. */
export const sopClassIods: Readonly<Record<string, string>> = {
${sopLines.join('\n')}
};

export const nodeText = \`
${lines.join('\n')}
\`;
`;
}
