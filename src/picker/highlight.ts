// Touches the DOM: the box drawn over the element a click would match, with its selector and match count beside it.
// Positioned through the CSSOM (element.style), which a strict CSP allows.
import { h } from './ui';

/** The highlight: show it over an element with a label, or hide it. */
export interface Highlight {
  show(element: Element, label: string): void;
  hide(): void;
}

/** Creates the box and its label inside the picker's shadow root. */
export function createHighlight(root: ShadowRoot): Highlight {
  const box = h('div', { className: 'box' });
  const tip = h('div', { className: 'tip' });
  root.append(box, tip);
  return {
    show(element, label) {
      const rect = element.getBoundingClientRect();
      Object.assign(box.style, {
        display: 'block',
        top: `${rect.top - 2}px`,
        left: `${rect.left - 2}px`,
        width: `${rect.width + 4}px`,
        height: `${rect.height + 4}px`,
      });
      tip.textContent = label;
      // Above the element, or below it at the top of the window.
      Object.assign(tip.style, {
        display: 'block',
        left: `${Math.max(rect.left, 0)}px`,
        top: `${rect.top > 24 ? rect.top - 22 : rect.bottom + 4}px`,
      });
    },
    hide() {
      box.style.display = 'none';
      tip.style.display = 'none';
    },
  };
}
