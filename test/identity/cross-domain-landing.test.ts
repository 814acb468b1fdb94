// @vitest-environment happy-dom
// A cross-domain landing: adopts a recent id, ignores a stale one, and takes both parameters out of the address bar.
import { describe, expect, it } from 'vitest';
import { landCrossDomain } from '../../src/identity/cross-domain-landing';

describe('landCrossDomain', () => {
  it('adopts a recent ajs_aid and cleans the address bar, keeping other parameters and the hash', () => {
    history.replaceState(null, '', `/app?x=1&ajs_aid=anon&tally_ts=${Date.now()}#top`);
    const adopted: string[] = [];
    expect(landCrossDomain(location.search, (id) => adopted.push(id))).toBe('?x=1');
    expect(adopted).toEqual(['anon']);
    expect(location.pathname + location.search + location.hash).toBe('/app?x=1#top');
  });

  it('a stale link: nothing adopted, the address bar cleaned all the same', () => {
    history.replaceState(null, '', `/app?ajs_aid=anon&tally_ts=${Date.now() - 3 * 60_000}`);
    const adopted: string[] = [];
    expect(landCrossDomain(location.search, (id) => adopted.push(id))).toBe('');
    expect(adopted).toEqual([]);
    expect(location.search).toBe('');
  });

  it('a URL without tally_ts is left as it is', () => {
    history.replaceState(null, '', '/app?ajs_aid=anon');
    expect(landCrossDomain(location.search, () => {})).toBe('?ajs_aid=anon');
    expect(location.search).toBe('?ajs_aid=anon');
  });
});
