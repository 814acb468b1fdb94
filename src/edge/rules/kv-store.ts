// Touches a Workers KV namespace (a Worker binding). KV has no compare-and-swap, so "write if absent" is a claim: the
// writer puts a claim key of its own (expiring), lists the claims on that record, and writes only when its claim is the
// only one; otherwise it withdraws it and reports the record taken. Of two writers racing, the later lister always sees
// the earlier one's claim, so two never both win; both may lose (each editor is told 412 and tries again), which loses
// nothing. That holds where KV reads its own writes: within one Cloudflare location. KV is eventually consistent across
// locations (up to 60 s), so two editors publishing within a minute from different continents could both win; a site
// with editors far apart should use a Durable Object behind this same interface (see docs/edge.md).
import { checkKey, type RulesStore } from './store';

/** The part of a Workers KV namespace binding the store uses. */
export interface KvNamespaceLike {
  get(key: string): Promise<string | null>;
  put(key: string, value: string, options?: { expirationTtl?: number }): Promise<void>;
  delete(key: string): Promise<void>;
  list(options: { prefix: string; cursor?: string }): Promise<{ keys: { name: string }[]; list_complete: boolean; cursor?: string }>;
}

/** How long a claim lives (KV's shortest expiry): a writer that dies mid-write blocks that record no longer. */
const CLAIM_TTL_SECONDS = 60;
const RECORD_PREFIX = 'rules/';
const CLAIM_PREFIX = 'claim/';

/**
 * A store in a Workers KV namespace (`[[kv_namespaces]] binding = "RULES"` in wrangler.toml).
 * @example createEdge({ segment, rules: { store: kvStore(env.RULES), editors } })
 */
export function kvStore(namespace: KvNamespaceLike): RulesStore {
  const listAll = async (prefix: string) => {
    const names: string[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await namespace.list(cursor ? { prefix, cursor } : { prefix });
      names.push(...page.keys.map((key) => key.name));
      if (page.list_complete || !page.cursor) return names;
      cursor = page.cursor;
    }
  };
  return {
    get: async (key) => (await namespace.get(RECORD_PREFIX + checkKey(key))) ?? undefined,
    async put(key, value) {
      const record = RECORD_PREFIX + checkKey(key);
      if ((await namespace.get(record)) !== null) return false;
      const claims = `${CLAIM_PREFIX}${key}/`;
      const claim = claims + crypto.randomUUID();
      await namespace.put(claim, '', { expirationTtl: CLAIM_TTL_SECONDS });
      const seen = await listAll(claims);
      // Another claim, or a record written by a writer whose claim has expired since: taken.
      if (seen.length !== 1 || seen[0] !== claim || (await namespace.get(record)) !== null) {
        await namespace.delete(claim);
        return false;
      }
      await namespace.put(record, value);
      return true;
    },
    list: async (prefix) => (await listAll(RECORD_PREFIX + prefix)).map((name) => name.slice(RECORD_PREFIX.length)).sort(),
  };
}
