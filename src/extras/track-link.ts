// Touches the DOM: trackLink and trackForm as analytics.js binds them, per element, delaying navigation only until the event is queued.
type Elements = Element | ArrayLike<Element> | null | undefined;
type Value<T> = T | ((element: Element) => T);

/** The part of the instance these helpers use. */
interface Target {
  track(event: string, properties?: Record<string, unknown>): Promise<unknown>;
}

function toList(elements: Elements): Element[] {
  if (!elements) return [];
  return 'length' in elements ? Array.from(elements) : [elements];
}
const resolve = <T>(value: Value<T>, element: Element): T =>
  typeof value === 'function' ? (value as (element: Element) => T)(element) : value;

/**
 * Waits for `tracked` (the event is queued: the keepalive send at page hide delivers it) but never more than `timeoutMs`,
 * then runs `go`. Queuing takes microseconds unless a gate holds the event, so navigation is rarely delayed at all.
 */
function afterQueued(tracked: Promise<unknown>, timeoutMs: number, go: () => void) {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    go();
  };
  void tracked.then(once, once);
  setTimeout(once, timeoutMs);
}

/** analytics.trackLink(links, event, properties): tracks clicks; same-tab navigation waits only for the event to be queued. */
export function bindLinks(
  analytics: Target,
  timeoutMs: () => number,
  elements: Elements,
  event: Value<string>,
  properties?: Value<Record<string, unknown>>,
): void {
  for (const element of toList(elements)) {
    element.addEventListener('click', (click) => {
      const tracked = analytics.track(resolve(event, element), resolve(properties ?? {}, element));
      const href =
        element.getAttribute('href') ||
        element.getAttributeNS('http://www.w3.org/1999/xlink', 'href') ||
        element.getElementsByTagName('a')[0]?.getAttribute('href');
      const mouse = click as MouseEvent;
      const newTab =
        (element as HTMLAnchorElement).target === '_blank' || mouse.metaKey || mouse.ctrlKey || mouse.shiftKey || mouse.button === 1;
      if (!href || newTab || click.defaultPrevented) return;
      click.preventDefault();
      afterQueued(tracked, timeoutMs(), () => window.location.assign(href));
    });
  }
}

/** analytics.trackForm(forms, event, properties): tracks submits; the form is submitted once the event is queued. */
export function bindForms(
  analytics: Target,
  timeoutMs: () => number,
  elements: Elements,
  event: Value<string>,
  properties?: Value<Record<string, unknown>>,
): void {
  for (const element of toList(elements)) {
    const form = element as HTMLFormElement;
    form.addEventListener('submit', (submit) => {
      if (submit.defaultPrevented) return;
      submit.preventDefault();
      afterQueued(analytics.track(resolve(event, form), resolve(properties ?? {}, form)), timeoutMs(), () => form.submit());
    });
  }
}
