// Helpers for the trigger kinds' tests (happy-dom): read rules as load() does, run the tracker on them, start the
// preview, and set what happy-dom cannot lay out (the tab's visibility, the page's scroll).
import { vi } from 'vitest';
import { createProblems } from '../../src/config/readers';
import { readEvents } from '../../src/rules/definitions';
import { createRuleSet } from '../../src/rules/rule-set';
import { startTracker } from '../../src/tracker/tracker';
import { startPreview, type PreviewHost } from '../../src/debug/preview';
import { createEditor } from '../../src/picker/editor';
import { toDefinition } from '../../src/picker/draft';
import { loadKinds } from '../helpers/kinds';

/** The definitions and the error messages load() would have for `events`. */
export function read(events: Record<string, unknown>) {
  const problems = createProblems();
  const definitions = readEvents(problems, events, { segment: 'Segment.io' });
  return { definitions, errors: problems.errors.map((error) => error.message) };
}

/** Runs the tracker on `events`; returns the track() calls as [name, properties]. */
export function track(events: Record<string, unknown>): [string, unknown][] {
  const calls: [string, unknown][] = [];
  startTracker(
    createRuleSet(read(events).definitions),
    { track: (name, properties) => calls.push([name as string, properties]), identify: () => {} },
    { loadKind: loadKinds },
  );
  return calls;
}

/** Starts the preview on `events`; returns its lines as `title: text`. */
export function preview(events: Record<string, unknown>): string[] {
  vi.spyOn(console, 'debug').mockImplementation(() => {});
  const lines: string[] = [];
  startPreview(
    {
      config: { events, rulesUrl: null, integrations: {} },
      routes: [{ destination: { name: 'Segment.io' } }],
      loadKind: loadKinds,
      rules: () => ({ rules: createRuleSet(read(events).definitions), problems: [] }),
    } as unknown as PreviewHost,
    (title, notes) => lines.push(...notes.map((line) => `${title}: ${line.text}`)),
  );
  return lines;
}

/** Shows or hides the tab, as a switch to another tab does. */
export function setHidden(hidden: boolean): void {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (hidden ? 'hidden' : 'visible') });
  document.dispatchEvent(new Event('visibilitychange'));
}

/** Lays the page out as `height` px tall in a `viewport` px window, scrolled to `top`, and says so with a scroll event. */
export function scrollTo(top: number, height = 4000, viewport = 1000): void {
  Object.defineProperty(document.documentElement, 'scrollHeight', { configurable: true, get: () => height });
  Object.defineProperty(window, 'innerHeight', { configurable: true, get: () => viewport });
  Object.defineProperty(window, 'scrollY', { configurable: true, get: () => top });
  dispatchEvent(new Event('scroll'));
}

/** The picker's form for `element` on /article, titled "Long read", with the radio of `kind` chosen. */
export function pickFor(element: Element, kind: string) {
  const editor = createEditor({
    element,
    clickChoices: { best: { selector: element.id ? `#${element.id}` : element.localName, basis: 'id', count: 1 }, broader: [] },
    path: '/article',
    query: '',
    title: 'Long read',
    count: () => 1,
    onDraft: () => {},
  });
  const radio = editor.node.querySelector(`input[value="${kind}"]`) as HTMLInputElement;
  const label = radio.parentElement?.textContent;
  radio.checked = true;
  radio.dispatchEvent(new Event('change'));
  return { editor, label, definition: () => toDefinition(editor.draft()) };
}

/** The IntersectionObservers made since the last call, as a test drives them: `show(element, ratio)` reports its share in view. */
export function fakeIntersections() {
  const observers: { callback: IntersectionObserverCallback; observed: Set<Element> }[] = [];
  vi.stubGlobal('IntersectionObserver', function (this: unknown, callback: IntersectionObserverCallback) {
    const observer = { callback, observed: new Set<Element>() };
    observers.push(observer);
    return {
      observe: (element: Element) => observer.observed.add(element),
      unobserve: (element: Element) => observer.observed.delete(element),
      disconnect: () => observer.observed.clear(),
    };
  } as unknown as typeof IntersectionObserver);
  return {
    /** Reports `element` at `ratio` in view (0: out of view) to every observer watching it. */
    show(element: Element, ratio: number) {
      for (const { callback, observed } of observers)
        if (observed.has(element))
          callback([{ target: element, isIntersecting: ratio > 0, intersectionRatio: ratio } as IntersectionObserverEntry], {} as never);
    },
    observed: (element: Element) => observers.some(({ observed }) => observed.has(element)),
  };
}
