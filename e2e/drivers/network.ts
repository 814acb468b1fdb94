// The network cut at the collector, for engines without network emulation: while on, every tracking request of this
// test is refused (the connection is reset before an answer), as an unreachable host would be; pages still load.

/** Turns the cut on and off for one test's writeKey. */
export interface NetworkCut {
  siteUrl: string;
  set(on: boolean): Promise<void>;
}

/** Well past any number of requests one test makes. */
const ALWAYS = 1_000_000;

export function createNetworkCut(apiUrl: string, siteUrl: string, writeKey: string): NetworkCut {
  let ruleId: number | undefined;
  return {
    siteUrl,
    async set(on) {
      if (on && ruleId === undefined) {
        const response = await fetch(`${apiUrl}/__collector/faults`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ writeKey, reset: true, count: ALWAYS }),
        });
        ruleId = ((await response.json()) as { id: number }).id;
      } else if (!on && ruleId !== undefined) {
        await fetch(`${apiUrl}/__collector/faults?id=${ruleId}`, { method: 'DELETE' });
        ruleId = undefined;
      }
    },
  };
}
