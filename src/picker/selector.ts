// The picker's selector generator (pure over DOM nodes): the most robust CSS selector (plus, where needed, the rule's
// `text`) that matches an element, preferring one that matches nothing else on the page, open shadow roots included.
import { attempt } from '../errors';
import { textOf } from '../tracker/properties';
import { isPlainValue, isStableId, stableClasses, stableDataAttributes } from './generated';

/** What a selector rests on, from the most robust to the least: a deploy that restyles the page keeps the first ones. */
export type Basis = 'id' | 'data' | 'class' | 'name' | 'text' | 'ancestor' | 'position';

/** One way to select an element: a CSS selector, the text the element must also have (a rule's `text`), and how many elements on the page match. */
export interface SelectorChoice {
  selector: string;
  text?: string;
  basis: Basis;
  /** Elements on the page (the document and every open shadow root) the choice matches: 1 is unique. */
  count: number;
}

/** The choice the picker proposes, and broader ones (matching similar elements too, e.g. the same button on every card). */
export interface SelectorChoices {
  best: SelectorChoice;
  broader: SelectorChoice[];
}

/** Attributes that name what an element is or does (the accessible name's sources, a form control's name, a link's target). */
const NAME_ATTRIBUTES = ['aria-label', 'name', 'title', 'alt', 'for', 'href', 'action', 'placeholder', 'type'];
/** How many ancestors up the generator looks for an anchor (`[data-product="b"] button.buy`) before falling back to positions. */
const MAX_ANCESTORS = 5;
/** Longest element text used as a rule's `text`: a longer one is a paragraph, not a label. */
const MAX_TEXT = 80;
/** Most broader choices offered. */
const MAX_BROADER = 4;

type Candidate = Omit<SelectorChoice, 'count'>;
type Counted = (candidate: Candidate) => SelectorChoice;

/** Every open shadow root under `root`, deep first: rules match inside them too (src/tracker/element.ts). */
function shadowRootsOf(root: ParentNode): ParentNode[] {
  const roots: ParentNode[] = [];
  for (const element of Array.from(root.querySelectorAll('*')))
    if (element.shadowRoot) roots.push(element.shadowRoot, ...shadowRootsOf(element.shadowRoot));
  return roots;
}

/**
 * Counts what a selector (and text) matches on a page, across the document and its open shadow roots, as a click rule
 * would; an invalid selector matches nothing.
 * @example createCounter(document)('button.signup') // 3
 */
export function createCounter(page: ParentNode): (selector: string, text?: string) => number {
  const roots = [page, ...shadowRootsOf(page)];
  return (selector, text) =>
    attempt(
      () =>
        roots.reduce(
          (sum, root) =>
            sum + Array.from(root.querySelectorAll(selector)).filter((element) => text === undefined || textOf(element) === text).length,
          0,
        ),
      0,
    );
}

const quoted = (name: string, value: string) => (value ? `[${name}="${value}"]` : `[${name}]`);

/** The element's own selectors, most robust first: id, data attributes, stable classes, role and accessible name, then text (unless `withText` is false). */
function ownCandidates(element: Element, withText = true): Candidate[] {
  const tag = CSS.escape(element.localName);
  const role = element.getAttribute('role');
  const base = role && isPlainValue(role) ? `${tag}[role="${role}"]` : tag;
  const list: Candidate[] = [];
  const add = (selector: string, basis: Basis, text?: string) =>
    list.push(text === undefined ? { selector, basis } : { selector, basis, text });
  if (isStableId(element.id)) add(`#${CSS.escape(element.id)}`, 'id');
  for (const { name, value } of stableDataAttributes(element)) {
    add(quoted(name, value), 'data');
    add(tag + quoted(name, value), 'data');
  }
  const classes = stableClasses(element)
    .slice(0, 4)
    .map((name) => `.${CSS.escape(name)}`);
  classes.forEach((one) => add(tag + one, 'class'));
  classes.forEach((one, i) => classes.slice(i + 1).forEach((two) => add(tag + one + two, 'class')));
  for (const name of NAME_ATTRIBUTES) {
    const value = element.getAttribute(name);
    if (value && isPlainValue(value)) add(base + quoted(name, value), 'name');
  }
  const text = textOf(element);
  if (withText && text && text.length <= MAX_TEXT)
    [classes[0] && tag + classes[0], base].forEach((selector) => selector && add(selector, 'text', text));
  return list;
}

/** The element's step in a positional chain: its tag and first stable class, with `:nth-of-type` when siblings share the tag. */
function positionOf(element: Element): string {
  const [name] = stableClasses(element);
  const step = CSS.escape(element.localName) + (name ? `.${CSS.escape(name)}` : '');
  const siblings = Array.from(element.parentNode?.children ?? []).filter((sibling) => sibling.localName === element.localName);
  return siblings.length > 1 ? `${step}:nth-of-type(${siblings.indexOf(element) + 1})` : step;
}

/**
 * Chooses selectors for `element` (from findTarget or findForm). The best is the first unique one in this order: its
 * own id, a data attribute, stable classes, role and accessible name, a class or tag plus its text; then one of those
 * under a unique ancestor (`[data-product="b"] button.buy`); then `nth-of-type` positions from the nearest unique
 * ancestor, as a last resort. Generated classes and ids are never used (src/picker/generated.ts). Inside a shadow root,
 * selectors stay within it: rules match each element of a click's composed path in its own tree. `withText: false` for
 * a submit rule's form (submit rules have no `text`).
 * @example chooseSelector(button).best // { selector: 'button[data-plan="pro"]', basis: 'data', count: 1 }
 */
export function chooseSelector(element: Element, { withText = true, page = element.ownerDocument as ParentNode } = {}): SelectorChoices {
  const count = createCounter(page);
  const matches = ({ selector, text }: Candidate) =>
    attempt(() => element.matches(selector), false) && (text === undefined || textOf(element) === text);
  const counted = (candidate: Candidate): SelectorChoice => ({ ...candidate, count: count(candidate.selector, candidate.text) });
  const own = ownCandidates(element, withText).filter(matches).map(counted);
  const unique = (choices: SelectorChoice[]) => choices.find((choice) => choice.count === 1);
  const broader = own.filter((choice) => choice.count > 1 && !choice.text).slice(0, MAX_BROADER);
  const best = unique(own) ?? underAncestor(element, own, counted) ?? byPosition(element, counted);
  return { best, broader };
}

/** The element's ancestors in its own tree (up to its document's <html> or its shadow root), nearest first. */
function ancestorsOf(element: Element): Element[] {
  const list: Element[] = [];
  for (let node = element.parentElement; node; node = node.parentElement) list.push(node);
  return list;
}

/** An element's first own selector (id, data, class or name: not text) that is unique on the page. */
const anchorOf = (node: Element, counted: Counted) =>
  ownCandidates(node).find((candidate) => candidate.basis !== 'text' && counted(candidate).count === 1)?.selector;

/** A unique `anchor descendant` choice, the descendant being one of the element's own selectors or its tag. */
function underAncestor(element: Element, own: SelectorChoice[], counted: Counted): SelectorChoice | undefined {
  const tag = CSS.escape(element.localName);
  const descendants = [...own.filter((choice) => !choice.text).map((choice) => choice.selector), tag];
  for (const node of ancestorsOf(element).slice(0, MAX_ANCESTORS)) {
    const anchor = anchorOf(node, counted);
    for (const selector of anchor ? descendants : []) {
      const choice = counted({ selector: `${anchor} ${selector}`, basis: 'ancestor' });
      if (choice.count === 1 && element.matches(choice.selector)) return choice;
    }
  }
  return undefined;
}

/** A `>` chain of positions up to the first ancestor with a unique selector (or the top of the element's tree), stopping once unique. */
function byPosition(element: Element, counted: Counted): SelectorChoice {
  let choice = counted({ selector: positionOf(element), basis: 'position' });
  for (const node of ancestorsOf(element)) {
    if (choice.count === 1) break;
    const anchor = anchorOf(node, counted);
    choice = counted({ selector: `${anchor ?? positionOf(node)} > ${choice.selector}`, basis: 'position' });
    if (anchor) break;
  }
  return choice;
}
