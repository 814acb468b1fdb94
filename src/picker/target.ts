// Which element a click "would match" (pure over DOM nodes): the nearest interactive element on the pointer's composed path,
// so an SVG icon or a <span> inside a button picks the button, as Mixpanel's guessRealClickTarget does.

/** Elements a person clicks on purpose: controls, links, labels, and elements with an interactive ARIA role. */
export const INTERACTIVE =
  'a[href], button, input, select, textarea, label, summary, [role=button], [role=link], [role=menuitem], [role=tab], ' +
  '[role=checkbox], [role=radio], [role=switch], [role=option], [role=menuitemcheckbox], [role=menuitemradio]';

const isElement = (node: EventTarget | null | undefined): node is Element => !!node && typeof (node as Element).matches === 'function';

/**
 * The element a rule made from this pointer position should match: the nearest interactive element on `path` (an
 * event's composedPath(), deepest first, open shadow roots included); without one, the outermost `<svg>` the pointer is
 * in, or else the deepest element. Undefined when the path holds no element.
 * @example findTarget(event.composedPath()) // the <button> for a click on its <svg><path>
 */
export function findTarget(path: readonly EventTarget[]): Element | undefined {
  const elements = path.filter(isElement).filter((element) => element.localName !== 'html' && element.localName !== 'body');
  const interactive = elements.find((element) => element.matches(INTERACTIVE));
  if (interactive) return interactive;
  const svg = elements.filter((element) => element.localName === 'svg').pop();
  return svg ?? elements[0];
}

/** The form a submit rule made from this element would match: the element's own form (a control's `form` owner, else the nearest <form>). */
export function findForm(element: Element): HTMLFormElement | undefined {
  const owner = (element as HTMLInputElement).form;
  return owner ?? (element.closest('form') as HTMLFormElement | null) ?? undefined;
}
