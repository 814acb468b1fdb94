// The rules store's contract, run against each adapter on its real engine: by vitest for memory, the file system and
// Workers KV (miniflare), and by Deno itself for Deno KV (deno-kv.ts). Returns what it saw; the tests compare it with
// CONTRACT_EXPECTED (not every engine can promise exactly one winner: see concurrentWinners).

/** A value past Deno KV's 64 KiB limit, in characters that take 3 bytes in UTF-8. */
const LARGE = '€'.repeat(70_000);

/** Runs the contract on `store`; `writers` puts race for one key. */
export async function runStoreContract(store, writers = 8) {
  const seen = {};
  seen.missing = await store.get('published/0000000001');
  seen.firstPut = await store.put('published/0000000001', '{"n":1}');
  seen.secondPut = await store.put('published/0000000001', '{"n":"other"}');
  seen.kept = await store.get('published/0000000001');
  await store.put('published/0000000002', '{"n":2}');
  await store.put('draft/0000000001', '{"d":1}');
  seen.published = await store.list('published/');
  seen.drafts = await store.list('draft/');
  seen.largePut = await store.put('draft/0000000002', LARGE);
  seen.largeKept = (await store.get('draft/0000000002')) === LARGE;
  const results = await Promise.all(Array.from({ length: writers }, (_, i) => store.put('published/0000000003', `{"writer":${i}}`)));
  const stored = await store.get('published/0000000003');
  seen.concurrentWinners = results.filter(Boolean).length;
  // The record is the winner's, never another's (nothing silently overwritten).
  seen.storedIsWinner = seen.concurrentWinners === 0 ? stored === undefined : stored === `{"writer":${results.indexOf(true)}}`;
  return seen;
}

/** What every adapter gives, except concurrentWinners (exactly 1 with a real check; at most 1 on Workers KV). */
export const CONTRACT_EXPECTED = {
  missing: undefined,
  firstPut: true,
  secondPut: false,
  kept: '{"n":1}',
  published: ['published/0000000001', 'published/0000000002'],
  drafts: ['draft/0000000001'],
  largePut: true,
  largeKept: true,
  storedIsWinner: true,
};
