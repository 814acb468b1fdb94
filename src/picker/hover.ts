// Touches window: the picker's hover and pick. While hovering, the highlight follows the element a click would match,
// with its selector and count; a click picks it, and the page never sees that click (nor its pointer and mouse events).
import { chooseSelector } from './selector';
import { findTarget } from './target';
import type { Highlight } from './highlight';

/** The events a picking click must not reach the page with (a link would navigate, a button would act). */
const SWALLOWED = ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click'];

/** Hovering, turned on and off by the picker. */
export interface Hover {
  start(): void;
  stop(): void;
}

/** The highlight's label for an element: its best selector, text and count (`#subscribe · 1 match`). */
function labelFor(element: Element): string {
  const { best } = chooseSelector(element);
  return `${best.selector}${best.text ? ` "${best.text}"` : ''} · ${best.count} ${best.count === 1 ? 'match' : 'matches'}`;
}

/** Creates the hover for a picker whose own events `inPicker` tells apart; `onPick` gets the element a click picked. */
export function createHover(highlight: Highlight, inPicker: (path: EventTarget[]) => boolean, onPick: (element: Element) => void): Hover {
  let shown: Element | undefined;
  const onMove = (event: Event) => {
    const path = event.composedPath();
    const target = inPicker(path) ? undefined : findTarget(path);
    if (target === shown) return;
    shown = target;
    if (target) highlight.show(target, labelFor(target));
    else highlight.hide();
  };
  const onSwallowed = (event: Event) => {
    const path = event.composedPath();
    if (inPicker(path)) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    const target = findTarget(path);
    if (event.type === 'click' && target) onPick(target);
  };
  return {
    start() {
      shown = undefined;
      addEventListener('pointermove', onMove, true);
      for (const type of SWALLOWED) addEventListener(type, onSwallowed, true);
    },
    stop() {
      removeEventListener('pointermove', onMove, true);
      for (const type of SWALLOWED) removeEventListener(type, onSwallowed, true);
    },
  };
}
