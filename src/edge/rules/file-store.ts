// Touches the file system (Node, Bun, Deno's node:fs): one file per record under a folder, written atomically. A record
// is written to a temporary file first, then hard-linked to its name: link() fails with EEXIST when the name exists, in
// one system call, so of two writers (two requests in one process, or two processes on one disk) exactly one wins, and a
// reader never sees half a file. node:fs comes from process.getBuiltinModule (Node 20.16+, Bun, Deno) when the store is
// first used, not from an import: dist/edge.mjs then imports nothing that Workers (or a bundler for them) cannot load.
import { checkKey, type RulesStore } from './store';

/** The part of node:fs/promises the store uses (declared here: the edge's types do not depend on @types/node). */
interface FsPromises {
  mkdir(path: string, options: { recursive: true }): Promise<unknown>;
  readFile(path: string, encoding: 'utf8'): Promise<string>;
  writeFile(path: string, data: string, options: { flag: 'wx' }): Promise<void>;
  link(existing: string, name: string): Promise<void>;
  unlink(path: string): Promise<void>;
  readdir(path: string, options: { recursive: true }): Promise<string[]>;
}

/** The runtime's node:fs/promises, or a clear error where there is none (Workers: use kvStore). */
function loadFs(): FsPromises {
  const runtime = (globalThis as { process?: { getBuiltinModule?(name: string): unknown } }).process;
  const fs = runtime?.getBuiltinModule?.('node:fs/promises') as FsPromises | undefined;
  if (!fs) throw new TypeError('fileStore needs node:fs (Node 20.16+, Bun or Deno); on Workers use kvStore(env.RULES)');
  return fs;
}

const errorCode = (error: unknown) => (error as { code?: string } | null)?.code;

/**
 * A store in `folder` (created when missing): `published/0000000001.json`, `draft/0000000001.json`, ….
 * @example createEdge({ segment, rules: { store: fileStore('./rules'), editors } })
 */
export function fileStore(folder: string): RulesStore {
  const root = folder.replace(/\/+$/, '');
  let fs: FsPromises | undefined;
  const load = () => {
    fs ??= loadFs();
    return fs;
  };
  const pathOf = (key: string) => `${root}/${checkKey(key)}.json`;
  return {
    async get(key) {
      try {
        return await load().readFile(pathOf(key), 'utf8');
      } catch (error) {
        if (errorCode(error) === 'ENOENT') return undefined;
        throw error;
      }
    },
    async put(key, value) {
      const { mkdir, writeFile, link, unlink } = load();
      const path = pathOf(key);
      await mkdir(path.slice(0, path.lastIndexOf('/')), { recursive: true });
      const temporary = `${path}.${crypto.randomUUID()}.tmp`;
      await writeFile(temporary, value, { flag: 'wx' });
      try {
        await link(temporary, path);
        return true;
      } catch (error) {
        if (errorCode(error) === 'EEXIST') return false;
        throw error;
      } finally {
        await unlink(temporary).catch(() => undefined);
      }
    },
    async list(prefix) {
      let names: string[];
      try {
        names = await load().readdir(root, { recursive: true });
      } catch (error) {
        if (errorCode(error) === 'ENOENT') return [];
        throw error;
      }
      return names
        .map((name) => name.split('\\').join('/'))
        .filter((name) => name.endsWith('.json'))
        .map((name) => name.slice(0, -'.json'.length))
        .filter((key) => key.startsWith(prefix))
        .sort();
    },
  };
}
