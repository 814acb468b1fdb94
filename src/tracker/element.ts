// Touches document: which element a DOM event's rule matched, found on the event's composed path (open shadow roots included).
import { IGNORE_ATTRIBUTE } from './privacy';
import { textOf } from './text';
import type { Pattern } from '../rules/url-pattern';

/** Whether a composed path crosses an element marked `data-tally-ignore`. */
export const isIgnored = (path: EventTarget[]) => path.some((node) => (node as Element).hasAttribute?.(IGNORE_ATTRIBUTE));

/**
 * The nearest element on a composed path that matches `selector` (and whose text matches `text`), so a click on a
 * `<span>` inside `button.cta` finds the button.
 */
export function findElement(path: EventTarget[], selector: string, text?: Pattern): Element | undefined {
  return path.find((node) => (node as Element).matches?.(selector) && (!text || text.re.test(textOf(node as Element) as string))) as
    Element | undefined;
}

/** The deepest element of a composed path: what was clicked or submitted. */
export const targetOf = (path: readonly EventTarget[]) =>
  path.find((node) => typeof (node as Element).matches === 'function') as Element | undefined;
