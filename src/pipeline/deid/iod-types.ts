// Attribute types (PS3.3 Type 1, 2, 3) per IOD and per nesting level, over the generated table. Decoded lazily:
// a worker pays only for the IODs and sequences its instances use, once.
import { iods, nodeText, sopClassIods } from './iod-types.generated.js';

/** 1: must have a value. 2: must be present, may be empty. 3: optional. (1C and 2C count as 1 and 2 when present.) */
export type AttributeType = 1 | 2 | 3;

interface Entry {
  type: AttributeType;
  /** Nodes of the sequence's items (several when modules define the same sequence differently). */
  items: number[];
}

const SHARED_FUNCTIONAL_GROUPS = 0x52009229;
const PER_FRAME_FUNCTIONAL_GROUPS = 0x52009230;

const nodeLines = nodeText.split('\n').slice(1, -1);
const decoded: Array<Map<number, Entry> | undefined> = [];

function decodeNode(id: number): Map<number, Entry> {
  let map = decoded[id];
  if (!map) {
    map = new Map();
    const line = nodeLines[id];
    if (line) {
      for (const word of line.split(' ')) {
        const tag = parseInt(word.slice(0, 8), 16) >>> 0;
        const type = Number(word[8]) as AttributeType;
        map.set(tag, { type, items: word.length > 9 ? [parseInt(word.slice(10), 36)] : [] });
      }
    }
    decoded[id] = map;
  }
  return map;
}

/** The attributes allowed in one dataset of an IOD: its top level, or the items of one of its sequences. */
export class TypeScope {
  private readonly itemScopes = new Map<number, TypeScope | null>();

  constructor(private readonly entries: Map<number, Entry>) {}

  /** The attribute's type here, or undefined when no module of the IOD has it at this place. */
  typeOf(tag: number): AttributeType | undefined {
    return this.entries.get(tag)?.type;
  }

  /** The scope of the items of sequence `tag`, or undefined when the IOD says nothing about them. */
  itemsOf(tag: number): TypeScope | undefined {
    let scope = this.itemScopes.get(tag);
    if (scope === undefined) {
      const items = this.entries.get(tag)?.items ?? [];
      scope = items.length ? scopeOf(items) : null;
      this.itemScopes.set(tag, scope);
    }
    return scope ?? undefined;
  }
}

const scopes = new Map<string, TypeScope>();

/** The merged scope of several nodes: an attribute keeps its strongest type, a sequence the items of all. */
function scopeOf(ids: number[], extraItems?: Map<number, number[]>): TypeScope {
  const key = extraItems ? '' : ids.join(',');
  const cached = key ? scopes.get(key) : undefined;
  if (cached) return cached;
  const merged = new Map<number, Entry>();
  for (const id of ids) {
    for (const [tag, e] of decodeNode(id)) {
      const mine = merged.get(tag);
      if (!mine) merged.set(tag, { type: e.type, items: [...e.items] });
      else {
        if (e.type < mine.type) mine.type = e.type;
        for (const item of e.items) if (!mine.items.includes(item)) mine.items.push(item);
      }
    }
  }
  for (const [tag, items] of extraItems ?? []) {
    const e = merged.get(tag);
    if (e) for (const item of items) if (!e.items.includes(item)) e.items.push(item);
  }
  const scope = new TypeScope(merged);
  if (key) scopes.set(key, scope);
  return scope;
}

export interface IodTypes {
  /** The IOD's table in PS3.3 ("A.4-1"), or 'composite' for a SOP class the table does not know. */
  iod: string;
  name: string;
  root: TypeScope;
}

const roots = new Map<string, IodTypes>();

/** The functional group sequences of an enhanced IOD hold its functional group macros as items. */
function functionalGroupItems(groups: number[]): Map<number, number[]> | undefined {
  return groups.length ? new Map([[SHARED_FUNCTIONAL_GROUPS, groups], [PER_FRAME_FUNCTIONAL_GROUPS, groups]]) : undefined;
}

function build(table: string): IodTypes {
  const row = iods.find(([t]) => t === table);
  if (row) return { iod: row[0], name: row[1], root: scopeOf([...row[2]], functionalGroupItems(row[3] === undefined ? [] : [row[3]])) };
  // Every module of every IOD, every functional group macro: where the SOP class is unknown, an attribute is
  // kept (empty or dummy) wherever any IOD requires it.
  const modules = [...new Set(iods.flatMap(([, , m]) => m))];
  const groups = [...new Set(iods.flatMap(([, , , g]) => (g === undefined ? [] : [g])))];
  return { iod: 'composite', name: 'any composite IOD', root: scopeOf(modules, functionalGroupItems(groups)) };
}

/** The attribute types of the IOD that `sopClassUid` instantiates (the union of all IODs when unknown). */
export function iodTypesFor(sopClassUid: string): IodTypes {
  const table = sopClassIods[sopClassUid] ?? 'composite';
  let types = roots.get(table);
  if (!types) roots.set(table, (types = build(table)));
  return types;
}
