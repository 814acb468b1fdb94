// Run by store.test.ts in Deno: the store contract against a real Deno KV database (in memory), printed as JSON.
import { denoKvStore } from '../../../dist/edge.mjs';
import { runStoreContract } from './store-contract.mjs';

declare const Deno: { openKv(path: string): Promise<Parameters<typeof denoKvStore>[0] & { close(): void }> };

const kv = await Deno.openKv(':memory:');
console.log(JSON.stringify(await runStoreContract(denoKvStore(kv))));
kv.close();
