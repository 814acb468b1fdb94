// Touches document and location: which elements matching a visibility rule's selector have been in the viewport
// (IntersectionObserver), enough of them (`threshold`) for long enough (`minMs`), while the tab was shown. Elements
// added later are found by one MutationObserver that looks only at the added nodes.
import { IGNORE_ATTRIBUTE } from './privacy';
import { listenForUrlChanges } from './url-changes';
import { isPageVisible } from './visible-clock';
import type { Definition } from '../rules/types';

/** The share of an element in view a rule needs when it names none. */
export const DEFAULT_THRESHOLD = 0.5;
/** A ratio this close under the threshold counts: a fully shown element can report 0.9999 on a sub-pixel layout. */
const RATIO_SLACK = 0.001;

/** What a visibility watch reports: an element seen as the rule asks, or (for the preview) why one was not. */
export interface VisibilityHandlers {
  seen(definition: Definition, element: Element, visibleMs: number): void;
  missed?(definition: Definition, why: string, element: Element): void;
}

const thresholdOf = (definition: Definition) => definition.threshold ?? DEFAULT_THRESHOLD;
const minMsOf = (definition: Definition) => definition.minMs ?? 0;
const percentOf = (share: number) => `${Math.round(share * 100)} %`;

/**
 * Calls `done` once `ms` have passed since `since` by the clock visibleMs is measured with: a timer may fire a
 * millisecond early by Date.now (Firefox does), and is then set again for the rest.
 */
function waitOut(ms: number, since: number, done: () => void): { cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const wait = () => {
    const left = since + ms - Date.now();
    if (left > 0) timer = setTimeout(wait, left);
    else done();
  };
  wait();
  return { cancel: () => clearTimeout(timer) };
}

/** An IntersectionObserver at `thresholds` that tells each target's share in view (-1: out of view) and lets go of removed targets. */
function observeRatios(thresholds: number[], onRatio: (element: Element, ratio: number) => void): IntersectionObserver {
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        onRatio(entry.target, entry.isIntersecting ? entry.intersectionRatio : -1);
        if (!entry.target.isConnected) observer.unobserve(entry.target);
      }
    },
    { threshold: thresholds },
  );
  return observer;
}

/**
 * Watches the elements the definitions' selectors match, each rule firing once per element per page view (a route
 * change starts a new one). Returns the function to call when the definitions change.
 */
export function watchVisibility(definitions: () => readonly Definition[], handlers: VisibilityHandlers): () => void {
  // The latest share of each observed element in view (-1 when out of view), and the rules waiting out their minMs.
  const ratios = new Map<Element, number>();
  const waiting = new Map<Element, Map<string, { since: number; cancel(): void }>>();
  let fired = new WeakMap<Element, Set<string>>();
  const stopWaiting = (element: Element, name: string) => {
    waiting.get(element)?.get(name)?.cancel();
    waiting.get(element)?.delete(name);
  };
  const see = (definition: Definition, element: Element, since: number) => {
    stopWaiting(element, definition.name);
    fired.set(element, (fired.get(element) ?? new Set()).add(definition.name));
    handlers.seen(definition, element, Date.now() - since);
  };
  const evaluateOne = (definition: Definition, element: Element, ratio: number) => {
    const pending = waiting.get(element)?.get(definition.name);
    const shown = isPageVisible() && ratio + RATIO_SLACK >= thresholdOf(definition);
    if (shown && !pending) {
      const since = Date.now();
      if (!minMsOf(definition)) return see(definition, element, since);
      const { cancel } = waitOut(minMsOf(definition), since, () => see(definition, element, since));
      waiting.set(element, (waiting.get(element) ?? new Map()).set(definition.name, { since, cancel }));
    } else if (!shown && pending) {
      stopWaiting(element, definition.name);
      const why = isPageVisible() ? 'left the view' : 'the tab was hidden';
      handlers.missed?.(definition, `seen for ${Date.now() - pending.since} of ${minMsOf(definition)} ms (${why})`, element);
    } else if (!shown && ratio >= 0 && isPageVisible())
      handlers.missed?.(
        definition,
        `threshold not reached: ${percentOf(ratio)} in view, ${percentOf(thresholdOf(definition))} needed`,
        element,
      );
  };
  const evaluate = (element: Element) => {
    const ratio = ratios.get(element) ?? -1;
    if (element.closest(`[${IGNORE_ATTRIBUTE}]`)) return;
    for (const definition of definitions())
      if (!fired.get(element)?.has(definition.name) && element.matches(definition.selector as string))
        evaluateOne(definition, element, ratio);
  };
  let observer: IntersectionObserver | undefined;
  const observe = (root: Element) => {
    for (const definition of definitions()) {
      const selector = definition.selector as string;
      if (root.matches(selector)) observer?.observe(root);
      for (const element of Array.from(root.querySelectorAll(selector))) observer?.observe(element);
    }
  };
  const refresh = () => {
    observer?.disconnect();
    const thresholds = [...new Set([0, ...definitions().map(thresholdOf)])];
    observer = observeRatios(thresholds, (element, ratio) => {
      ratios.set(element, ratio);
      evaluate(element);
      // A removed element is let go: a single-page app replaces thousands of them over a session.
      if (!element.isConnected) ratios.delete(element);
    });
    observe(document.documentElement);
  };
  new MutationObserver((records) => {
    for (const record of records) for (const node of Array.from(record.addedNodes)) if (node.nodeType === 1) observe(node as Element);
  }).observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener('visibilitychange', () => ratios.forEach((_ratio, element) => evaluate(element)));
  listenForUrlChanges(() => {
    waiting.forEach((rules) => rules.forEach(({ cancel }) => cancel()));
    waiting.clear();
    fired = new WeakMap();
    ratios.forEach((_ratio, element) => evaluate(element));
  });
  refresh();
  return refresh;
}
