// Touches the DOM, window and location: the point-and-click picker. Hovering highlights the element a click would match,
// with its selector and how many elements on the page match it; a click picks it (the page never sees that click); the
// editor then builds the rule, which is tested live on the next clicks and submits, and published through the edge (publish.ts).
import { addStyles, h, PICKER_TAG, STYLES } from './ui';
import { createHighlight } from './highlight';
import { chooseSelector, createCounter } from './selector';
import { findForm, findTarget } from './target';
import { createEditor, type Editor } from './editor';
import { findRulesHost } from './rules-host';
import { offerPublish } from './publish';
import { explainEvent, pathGate, type Surroundings } from '../debug/explain';
import { toUrlParts } from '../rules/url-pattern';
import type { Definition } from '../rules/definitions';

/** What the picker needs from the instance. */
export interface PickerInputs {
  /** The page's rules document: where a picked rule is published when it is the edge's rules host. */
  rulesUrl: string | null;
  /** The destinations' names and the load-level `integrations`, for the live test's verdicts. */
  destinations: readonly string[];
  integrations: Readonly<Record<string, unknown>>;
}

/** The events a picking click must not reach the page with (a link would navigate, a button would act). */
const SWALLOWED = ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click'];

/** Where the page is now, for the live test. */
const surroundings = (inputs: PickerInputs): Surroundings => ({
  parts: toUrlParts(location.href, document.referrer),
  destinations: inputs.destinations,
  integrations: inputs.integrations,
});

/**
 * Opens the picker on the page: a panel in a shadow root and a highlight that follows the pointer. Returns `close()`.
 * @example const picker = openPicker({ rulesUrl: '/rules/site.json', destinations: ['Segment.io'], integrations: {} })
 */
export function openPicker(inputs: PickerInputs): { close(): void; isOpen(): boolean } {
  const host = h(PICKER_TAG as 'div');
  const root = host.attachShadow({ mode: 'open' });
  addStyles(root, STYLES);
  const highlight = createHighlight(root);
  const status = h('div', { className: 'meta', textContent: 'Hover an element, then click it to pick it. Esc stops.' });
  const again = h('button', { type: 'button', className: 'quiet', textContent: 'Pick another' });
  const close = h('button', { type: 'button', className: 'quiet', textContent: '×', title: 'Close the picker' });
  const body = h('div', {});
  root.append(
    h(
      'div',
      { className: 'panel' },
      h('header', {}, h('strong', { textContent: 'tally picker' }), again, close),
      h('section', {}, status),
      body,
    ),
  );
  document.documentElement.append(host);
  const rulesHost = findRulesHost(inputs.rulesUrl);

  const inPicker = (path: EventTarget[]) => path.includes(host);
  let hovering = true;
  let picked: Element | undefined;
  let editor: Editor | undefined;
  let definition: Definition | undefined;
  let count = createCounter(document);

  const labelFor = (element: Element) => {
    const { best } = chooseSelector(element);
    return `${best.selector}${best.text ? ` "${best.text}"` : ''} · ${best.count} ${best.count === 1 ? 'match' : 'matches'}`;
  };
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
    if (event.type === 'click' && target) pick(target);
  };
  const onKey = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    if (picked) stopHovering();
    else closePicker();
  };
  const follow = () => picked && !hovering && highlight.show(picked, 'picked');

  function startHovering(): void {
    hovering = true;
    shown = undefined;
    status.textContent = 'Hover an element, then click it to pick it. Esc stops.';
    addEventListener('pointermove', onMove, true);
    for (const type of SWALLOWED) addEventListener(type, onSwallowed, true);
  }
  function stopHovering(): void {
    hovering = false;
    removeEventListener('pointermove', onMove, true);
    for (const type of SWALLOWED) removeEventListener(type, onSwallowed, true);
    if (picked) highlight.show(picked, 'picked');
    else highlight.hide();
    status.textContent = picked ? 'Build the rule below; clicks on the page now test it live.' : '';
  }
  function pick(element: Element): void {
    picked = element;
    stopHovering();
    count = createCounter(document);
    const form = findForm(element);
    editor = createEditor({
      element,
      clickChoices: chooseSelector(element),
      form,
      formChoices: form && chooseSelector(form, { withText: false }),
      path: location.pathname,
      query: location.search,
      title: document.title,
      count: (selector, text) => count(selector, text),
      onDraft: (draft, compiled) => {
        definition = compiled;
        if (draft.on === 'page' && compiled && editor) reportPage(editor, compiled);
      },
    });
    body.replaceChildren(editor.node);
    void rulesHost.then((found) => editor && offerPublish(editor, found));
  }
  const reportPage = (view: Editor, page: Definition) => {
    const why = pathGate(page, surroundings(inputs).parts);
    view.report(
      why ? `this page: would not fire (${why})` : 'this page: would fire on load and on each route change',
      why ? 'bad' : 'good',
    );
  };
  /** The live test: each click or submit on the page, outside the picker, against the rule being built. */
  const onLive = (event: Event) => {
    const path = event.composedPath();
    if (hovering || !editor || !definition || definition.on === 'page' || inPicker(path)) return;
    if (event.type !== definition.on) return;
    const [verdict] = explainEvent(definition.on as 'click' | 'submit', [definition], path, surroundings(inputs));
    if (verdict) editor.report(`${verdict.fired ? 'hit' : 'miss'}: ${verdict.reason}`, verdict.fired ? 'good' : 'bad');
  };

  function closePicker(): void {
    stopHovering();
    for (const type of ['click', 'submit']) removeEventListener(type, onLive, true);
    removeEventListener('keydown', onKey, true);
    removeEventListener('scroll', follow, true);
    removeEventListener('resize', follow);
    host.remove();
  }
  again.addEventListener('click', () => {
    picked = undefined;
    editor = undefined;
    body.replaceChildren();
    startHovering();
  });
  close.addEventListener('click', closePicker);
  for (const type of ['click', 'submit']) addEventListener(type, onLive, true);
  addEventListener('keydown', onKey, true);
  addEventListener('scroll', follow, true);
  addEventListener('resize', follow);
  startHovering();
  return { close: closePicker, isOpen: () => host.isConnected };
}
