// Touches the file system (Node, Bun, Deno's node:fs): one file per record under a folder, written atomically. A record
// is written to a temporary file first, then hard-linked to its name: link() fails with EEXIST when the name exists, in
// one system call, so of two writers (two requests in one process, or two processes on one disk) exactly one wins, and a
// reader never sees half a file. node:fs is imported when the store is first used, so dist/edge.mjs still loads on
// Workers (which never call it).
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

/** Imported at first use; a variable keeps bundlers from resolving it for the browser or Workers. */
const FS_MODULE = 'node:fs/promises';

const errorCode = (error: unknown) => (error as { code?: string } | null)?.code;

/**
 * A store in `folder` (created when missing): `published/0000000001.json`, `draft/0000000001.json`, ….
 * @example createEdge({ segment, rules: { store: fileStore('./rules'), editors } })
 */
export function fileStore(folder: string): RulesStore {
  const root = folder.replace(/\/+$/, '');
  let fs: Promise<FsPromises> | undefined;
  const load = () => {
    fs ??= import(/* @vite-ignore */ FS_MODULE) as Promise<FsPromises>;
    return fs;
  };
  const pathOf = (key: string) => `${root}/${checkKey(key)}.json`;
  return {
    async get(key) {
      try {
        return await (await load()).readFile(pathOf(key), 'utf8');
      } catch (error) {
        if (errorCode(error) === 'ENOENT') return undefined;
        throw error;
      }
    },
    async put(key, value) {
      const { mkdir, writeFile, link, unlink } = await load();
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
        names = await (await load()).readdir(root, { recursive: true });
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
