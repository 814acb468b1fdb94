// The rules store adapters on their real engines: memory, the file system (Node), Workers KV (workerd through
// miniflare) and Deno KV (Deno from npm, against the built dist/edge.mjs), each with writers racing for one record.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { Miniflare } from 'miniflare';
import { memoryStore } from '../../../src/edge/rules/store';
import { fileStore } from '../../../src/edge/rules/file-store';
import { kvStore, type KvNamespaceLike } from '../../../src/edge/rules/kv-store';
import { CONTRACT_EXPECTED, runStoreContract } from './store-contract.mjs';

const root = resolve(__dirname, '../../..');
const folders: string[] = [];
afterAll(() => Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true }))));

describe('memoryStore', () => {
  it('keeps the contract, one winner of eight racing writers', async () => {
    expect(await runStoreContract(memoryStore())).toEqual({ ...CONTRACT_EXPECTED, concurrentWinners: 1 });
  });
});

describe('fileStore (Node)', () => {
  it('keeps the contract, one winner of eight racing writers, and leaves no temporary file', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'tally-rules-'));
    folders.push(folder);
    expect(await runStoreContract(fileStore(folder))).toEqual({ ...CONTRACT_EXPECTED, concurrentWinners: 1 });
    expect((await readdir(folder, { recursive: true })).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses a key that would leave its folder', async () => {
    await expect(fileStore('/tmp/x').get('../etc/passwd')).rejects.toThrow(TypeError);
  });
});

describe('kvStore (Workers KV in workerd, through miniflare)', () => {
  it('keeps the contract; of eight racing writers at most one wins, and the record is its own', async () => {
    const worker = new Miniflare({
      modules: true,
      script: 'export default { fetch() { return new Response() } }',
      kvNamespaces: ['RULES'],
    });
    try {
      const namespace = (await worker.getKVNamespace('RULES')) as unknown as KvNamespaceLike;
      const seen = await runStoreContract(kvStore(namespace));
      expect(seen).toEqual({ ...CONTRACT_EXPECTED, concurrentWinners: seen.concurrentWinners });
      expect(seen.concurrentWinners).toBeLessThanOrEqual(1);
      // Sequential writers (one editor after another) always get their write.
      const store = kvStore(namespace);
      expect([await store.put('draft/0000000009', '1'), await store.put('draft/0000000010', '2')]).toEqual([true, true]);
    } finally {
      await worker.dispose();
    }
  }, 30_000);
});

describe('denoKvStore (Deno KV, in Deno)', () => {
  it('keeps the contract, one winner of eight racing writers (its atomic check)', async () => {
    if (!existsSync(join(root, 'dist/edge.mjs'))) throw new Error('dist/edge.mjs is missing: run `npx rollup -c`');
    const deno = join(root, 'node_modules/.bin/deno');
    const { stdout } = await promisify(execFile)(deno, ['run', '--unstable-kv', '--allow-read', 'test/edge/rules/deno-kv.ts'], {
      cwd: root,
    });
    expect(JSON.parse(stdout)).toEqual({ ...CONTRACT_EXPECTED, concurrentWinners: 1 });
  }, 60_000);
});
