// @vitest-environment happy-dom
// URL-change detection for single-page apps: pushState, replaceState, popstate and hashchange, once per new URL.
import { describe, expect, it } from 'vitest';
import { listenForUrlChanges } from '../../src/tracker/url-changes';

describe('listenForUrlChanges', () => {
  it('calls back once per real URL change, whatever the router calls', () => {
    history.replaceState(null, '', '/start');
    let changes = 0;
    listenForUrlChanges(() => {
      changes += 1;
    });
    history.pushState(null, '', '/a');
    expect(changes).toBe(1);
    history.replaceState(null, '', '/a'); // same URL: not a change
    history.pushState(null, '', '/a');
    expect(changes).toBe(1);
    // Vue Router: replaceState then pushState to the next URL counts once.
    history.replaceState({ scroll: 1 }, '', '/a');
    history.pushState(null, '', '/b');
    expect(changes).toBe(2);
    history.replaceState(null, '', '/c');
    expect(changes).toBe(3);
    dispatchEvent(new PopStateEvent('popstate')); // the URL did not change
    expect(changes).toBe(3);
  });
});
