// @vitest-environment happy-dom
// pageviews: 'history': page() once per real URL change, hash changes only when asked, and on a back/forward-cache restore.
import { describe, expect, it } from 'vitest';
import { trackPageviews } from '../../src/tracker/pageviews';

describe('trackPageviews', () => {
  it("'history': page() per new path or query, not per hash or repeated URL; and on a bfcache restore", () => {
    history.replaceState(null, '', '/start');
    let views = 0;
    trackPageviews(() => {
      views += 1;
    }, 'history');
    history.pushState(null, '', '/a');
    history.replaceState(null, '', '/a'); // the same URL
    history.pushState(null, '', '/a#section'); // hash only
    history.pushState(null, '', '/a?tab=2');
    expect(views).toBe(2);
    dispatchEvent(Object.assign(new Event('pageshow'), { persisted: true }));
    dispatchEvent(Object.assign(new Event('pageshow'), { persisted: false })); // a normal load: the snippet's page() counts
    expect(views).toBe(3);
  });

  it("'history+hash': hash changes count too", () => {
    history.replaceState(null, '', '/b');
    let views = 0;
    trackPageviews(() => {
      views += 1;
    }, 'history+hash');
    history.pushState(null, '', '/b#one');
    history.pushState(null, '', '/b#two');
    expect(views).toBe(2);
  });
});
