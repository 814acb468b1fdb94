// Refused editing attempts (a wrong editor token), counted per client address: past a limit in a window, that address
// gets 429 on every editing request until the window ends, right token or not, so tokens cannot be guessed at speed.
// Bounded: at most MAX_TRACKED addresses are remembered (the oldest forgotten first).

/** Wrong tokens an address may present per window. */
export const MAX_REFUSED = 10;
/** The window, in ms. */
export const REFUSAL_WINDOW_MS = 10 * 60_000;
/** Addresses remembered at once. */
const MAX_TRACKED = 10_000;

/**
 * The refusal counter. `blockedFor(address)` is the seconds left when the address is over the limit, else 0;
 * `refuse(address)` counts one refusal; `total()` counts every refusal since start.
 * @example const refusals = createRefusals(); if (refusals.blockedFor(ip)) return 429;
 */
export function createRefusals(now: () => number = Date.now) {
  const byAddress = new Map<string, { count: number; since: number }>();
  let total = 0;
  const current = (address: string) => {
    const entry = byAddress.get(address);
    if (entry && now() - entry.since < REFUSAL_WINDOW_MS) return entry;
    byAddress.delete(address);
    return undefined;
  };
  return {
    blockedFor(address: string): number {
      const entry = current(address);
      return entry && entry.count >= MAX_REFUSED ? Math.ceil((entry.since + REFUSAL_WINDOW_MS - now()) / 1000) : 0;
    },
    refuse(address: string): number {
      total += 1;
      const entry = current(address) ?? { count: 0, since: now() };
      entry.count += 1;
      byAddress.delete(address);
      byAddress.set(address, entry);
      if (byAddress.size > MAX_TRACKED) byAddress.delete(byAddress.keys().next().value as string);
      return entry.count;
    },
    total: () => total,
  };
}
