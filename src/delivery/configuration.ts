// A destination's delivery configuration (pure): the queue key that keeps its events apart from those of another
// configuration of the same destination, and the settings a later page view may store to deliver them.

/** Settings that are secrets: they never go to storage (their digest still tells two configurations apart). */
const SECRET_FIELDS: ReadonlySet<string> = new Set(['authorization', 'apiKey']);
/** Fields of validated settings that say nothing about where or how events go. */
const NOT_DELIVERY: ReadonlySet<string> = new Set(['keyWarning', 'cdnURL']);

/** One destination configuration's queue. */
export interface Configuration {
  /** The buffer's key: `${writeKey} ${destination} ${fingerprint}`. */
  key: string;
  /** What every configuration of this destination under this writeKey starts its key with. */
  prefix: string;
  /** The non-secret delivery settings, as they may be stored. */
  stored: Record<string, unknown>;
  /** Whether `stored` rebuilds the destination alone: false when it needs a secret that only a page can give. */
  complete: boolean;
}

/**
 * The configuration of `settings` for a destination. Events go out only with the settings of the page that made
 * them, so each configuration has its own queue; the fingerprint covers every delivery setting, secrets by digest.
 * @example describeConfiguration('WK', 'Customer.io', { apiHost: '/t/c', identifyBy: 'email' }).key // 'WK Customer.io 1x2y3z'
 */
export function describeConfiguration(writeKey: string, destination: string, settings: object): Configuration {
  const stored: Record<string, unknown> = {};
  const digests: Record<string, string> = {};
  for (const [field, value] of Object.entries(settings)) {
    if (value === undefined || NOT_DELIVERY.has(field)) continue;
    if (SECRET_FIELDS.has(field)) digests[field] = fingerprint(value);
    else stored[field] = value;
  }
  const prefix = `${writeKey} ${destination} `;
  return { key: prefix + fingerprint([stored, digests]), prefix, stored, complete: !Object.keys(digests).length };
}

/** A short digest of JSON data, its object keys sorted (FNV-1a, 32 bits, base 36): tells configurations apart, reveals nothing. */
export function fingerprint(value: unknown): string {
  let hash = 0x811c9dc5;
  for (const char of canonicalJson(value)) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}

/** JSON with every object's keys sorted, so equal settings give one fingerprint whatever their order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}
