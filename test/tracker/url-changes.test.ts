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

  it('a back or forward step (popstate) and a hash change count once each; a popstate with its hashchange once', () => {
    history.replaceState(null, '', '/start');
    let changes = 0;
    listenForUrlChanges(() => {
      changes += 1;
    });
    // The browser moves the URL itself (the prototype's pushState is not the wrapped one), then tells the page.
    const move = (url: string) => History.prototype.pushState.call(history, null, '', url);
    move('/back');
    dispatchEvent(new PopStateEvent('popstate'));
    expect(changes).toBe(1);
    move('/back#section');
    dispatchEvent(new PopStateEvent('popstate'));
    dispatchEvent(new HashChangeEvent('hashchange'));
    expect(changes).toBe(2);
    move('/back#other');
    dispatchEvent(new HashChangeEvent('hashchange'));
    expect(changes).toBe(3);
  });

  it('keeps what pushState and replaceState do: the URL and the state', () => {
    listenForUrlChanges(() => undefined);
    history.pushState({ step: 1 }, '', '/kept?x=1');
    expect(location.pathname + location.search).toBe('/kept?x=1');
    expect(history.state).toEqual({ step: 1 });
    history.replaceState({ step: 2 }, '', '/kept2');
    expect(location.pathname).toBe('/kept2');
    expect(history.state).toEqual({ step: 2 });
  });
});
