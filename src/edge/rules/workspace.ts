// The rules workspace on a store: numbered published versions and drafts, each an immutable record naming its editor,
// its time and the event names it changed. Writing version n+1 is the store's put-if-absent on its key, so of two
// editors starting from n exactly one writes it (the other learns the current number: a 412 for the edge to answer).
import type { RulesDocument } from '../../rules/document';
import type { RulesStore } from './store';

/** A published version or a draft, as stored. */
export interface VersionRecord {
  document: RulesDocument;
  editor: string;
  /** When it was written, ISO 8601. */
  time: string;
  /** The event names added, removed or changed since the version before it (for a draft: since the published one). */
  changed: string[];
  /** For a rollback: the version whose document this one publishes again. */
  rollbackOf?: number;
}

/** A published version or a draft. */
export type Kind = 'published' | 'draft';

/** The outcome of a write: its number, or a conflict with the number in force (a stale If-Match). */
export type Written = { ok: true; number: number; record: VersionRecord } | { ok: false; current: number };

/** The document a workspace answers before anything was published: valid, with no rules. */
export const EMPTY_DOCUMENT: RulesDocument = { version: '0', events: {} };

const keyOf = (kind: Kind, number: number) => `${kind}/${String(number).padStart(10, '0')}`;

/** The names whose definitions differ between two event maps. */
export function changedNames(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((name) => JSON.stringify(before[name]) !== JSON.stringify(after[name])).sort();
}

/**
 * The workspace on `store`.
 * @example const workspace = createWorkspace(memoryStore()); await workspace.write('published', 0, 'marketing', document);
 */
export function createWorkspace(store: RulesStore) {
  const read = async (kind: Kind, number: number): Promise<VersionRecord | undefined> => {
    const text = await store.get(keyOf(kind, number));
    return text === undefined ? undefined : (JSON.parse(text) as VersionRecord);
  };
  const latestNumber = async (kind: Kind): Promise<number> => {
    const keys = await store.list(`${kind}/`);
    return keys.length ? Number(keys[keys.length - 1].slice(kind.length + 1)) : 0;
  };
  const latest = async (kind: Kind): Promise<{ number: number; record?: VersionRecord }> => {
    const number = await latestNumber(kind);
    return { number, record: number ? await read(kind, number) : undefined };
  };
  /** Writes `document` as number `expected + 1`, when `expected` is still the latest. */
  const write = async (
    kind: Kind,
    expected: number,
    editor: string,
    document: Omit<RulesDocument, 'version'>,
    rollbackOf?: number,
  ): Promise<Written> => {
    const current = await latestNumber(kind);
    if (current !== expected) return { ok: false, current };
    const number = expected + 1;
    const base = (await latest('published')).record?.document.events ?? {};
    const before = kind === 'published' ? (expected && (await read(kind, expected))?.document.events) || {} : base;
    const version = kind === 'published' ? String(number) : `draft-${number}`;
    const record: VersionRecord = {
      document: { ...document, version },
      editor,
      time: new Date().toISOString(),
      changed: changedNames(before, document.events),
      ...(rollbackOf === undefined ? {} : { rollbackOf }),
    };
    if (await store.put(keyOf(kind, number), JSON.stringify(record))) return { ok: true, number, record };
    return { ok: false, current: await latestNumber(kind) };
  };
  /** The published versions, newest first, at most `limit`: number, editor, time, changed names. */
  const versions = async (limit: number) => {
    const newest = await latestNumber('published');
    const numbers = Array.from({ length: Math.min(limit, newest) }, (_, i) => newest - i);
    const records = await Promise.all(numbers.map((number) => read('published', number)));
    return records.flatMap((record, i) => {
      if (!record) return [];
      const { editor, time, changed, rollbackOf } = record;
      return [{ version: numbers[i], editor, time, changed, ...(rollbackOf === undefined ? {} : { rollbackOf }) }];
    });
  };
  return { read, latest, write, versions };
}

/** A workspace (createWorkspace's result). */
export type Workspace = ReturnType<typeof createWorkspace>;
