// Random identifiers: ULIDs for messageId (unique, time-sortable, accepted by Customer.io as a dedupe id) and UUID v4 for anonymousId.
// Hand-written rather than a dependency: both are a dozen lines, and every byte ships on every page.
// crypto.getRandomValues exists in every browser that runs ES2020 code, secure context or not (randomUUID does not).

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

let lastTime = -1;
const lastRandom = new Uint8Array(16);

/**
 * A ULID (https://github.com/ulid/spec): 10 characters of millisecond time, 16 of randomness.
 * Within one millisecond the random part is incremented, so ids made by one page sort in call order.
 * @example ulid(1700000000000) // '01HF7YAT00' + 16 random characters
 */
export function ulid(now: number = Date.now()): string {
  if (now === lastTime) {
    // Monotonic: add one to the previous random part, base 32, carrying left.
    for (let i = 15; i >= 0 && ++lastRandom[i] > 31; i--) lastRandom[i] = 0;
  } else {
    lastTime = now;
    crypto.getRandomValues(lastRandom);
    for (let i = 0; i < 16; i++) lastRandom[i] &= 31;
  }
  let id = '';
  // 10 base-32 digits of time, most significant first, then the 16 random digits.
  for (let i = 0; i < 26; i++) id += CROCKFORD[i < 10 ? Math.floor(now / 32 ** (9 - i)) % 32 : lastRandom[i - 10]];
  return id;
}

/** A random UUID v4, as analytics.js uses for anonymousId. `crypto.randomUUID` exists only in secure contexts. */
export function uuid(): string {
  if (crypto.randomUUID) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(31));
  let i = 0;
  // Each 0 becomes a random hex digit; the 8 becomes the variant digit, 8 to b (8 xor two random bits).
  return '00000000-0000-4000-8000-000000000000'.replace(/[08]/g, (c) => (+c ^ (bytes[i++] & (c === '0' ? 15 : 3))).toString(16));
}
