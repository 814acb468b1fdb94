// Touches the DOM, window and location: the point-and-click picker. Hovering highlights the element a click would match,
// with its selector and how many elements on the page match it; a click picks it (the page never sees that click); the
// editor then builds the rule, which is tested live on the next clicks and submits, and published through the edge (publish.ts).
import { addStyles, h, PICKER_TAG, STYLES } from './ui';
import { createHighlight } from './highlight';
import { createHover } from './hover';
import { startLiveTest } from './live-test';
import { chooseSelector, createCounter } from './selector';
import { findForm } from './target';
import { createEditor, type Editor } from './editor';
import { findRulesHost } from './rules-host';
import { offerPublish } from './publish';
import type { LoadKind } from '../triggers/trigger';
import { createDataLayerSection } from './data-layer-section';

/** What the picker needs from the instance. */
export interface PickerInputs {
  /** The page's rules document: where a picked rule is published when it is the edge's rules host. */
  rulesUrl: string | null;
  /** The destinations' names and the load-level `integrations`, for the live test's verdicts. */
  destinations: readonly string[];
  integrations: Readonly<Record<string, unknown>>;
  /** Gets a trigger kind's piece, for the live test of a rule of that kind. */
  loadKind: LoadKind;
}

const HOVER_HINT = 'Hover an element, then click it to pick it. Esc stops.';

/** The picker's panel in a shadow root on the page: header buttons, status line and the body the editor goes in. */
function createPanel() {
  const host = h(PICKER_TAG as 'div');
  const root = host.attachShadow({ mode: 'open' });
  addStyles(root, STYLES);
  const status = h('div', { className: 'meta', textContent: HOVER_HINT });
  const again = h('button', { type: 'button', className: 'quiet', textContent: 'Pick another' });
  const close = h('button', { type: 'button', className: 'quiet', textContent: '×', title: 'Close the picker' });
  const body = h('div', {});
  const header = h('header', {}, h('strong', { textContent: 'tally picker' }), again, close);
  // The pushes seen so far, whatever element is picked: each can become a dataLayer rule.
  const pushes = createDataLayerSection();
  root.append(h('div', { className: 'panel' }, header, h('section', {}, status), body, pushes.node));
  return { host, highlight: createHighlight(root), status, again, close, body };
}

/** The editor for a picked element, with its selector choices and counts taken from the page now. */
function editorFor(element: Element, onDraft: Parameters<typeof createEditor>[0]['onDraft']): Editor {
  const count = createCounter(document);
  const form = findForm(element);
  return createEditor({
    element,
    clickChoices: chooseSelector(element),
    form,
    formChoices: form && chooseSelector(form, { withText: false }),
    path: location.pathname,
    query: location.search,
    title: document.title,
    count: (selector, text) => count(selector, text),
    onDraft,
  });
}

/**
 * Opens the picker on the page: a panel in a shadow root and a highlight that follows the pointer. Returns `close()`.
 * @example const picker = openPicker({ rulesUrl: '/rules/site.json', destinations: ['Segment.io'], integrations: {} })
 */
export function openPicker(inputs: PickerInputs): { close(): void; isOpen(): boolean } {
  const panel = createPanel();
  const { host, highlight, status } = panel;
  document.documentElement.append(host);
  const rulesHost = findRulesHost(inputs.rulesUrl);
  const inPicker = (path: EventTarget[]) => path.includes(host);
  let hovering = true;
  let picked: Element | undefined;
  let editor: Editor | undefined;
  const hover = createHover(highlight, inPicker, pick);
  const live = startLiveTest({ ...inputs, editor: () => editor, paused: () => hovering, inPicker });

  function startHovering(): void {
    hovering = true;
    status.textContent = HOVER_HINT;
    hover.start();
  }
  function stopHovering(): void {
    hovering = false;
    hover.stop();
    if (picked) highlight.show(picked, 'picked');
    else highlight.hide();
    status.textContent = picked ? 'Build the rule below; clicks on the page now test it live.' : '';
  }
  function pick(element: Element): void {
    picked = element;
    stopHovering();
    editor = editorFor(element, (_draft, compiled) => live.test(compiled));
    panel.body.replaceChildren(editor.node);
    void rulesHost.then((found) => editor && offerPublish(editor, found));
  }
  const onKey = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    if (picked) stopHovering();
    else closePicker();
  };
  const follow = () => picked && !hovering && highlight.show(picked, 'picked');
  function closePicker(): void {
    stopHovering();
    live.stop();
    removeEventListener('keydown', onKey, true);
    removeEventListener('scroll', follow, true);
    removeEventListener('resize', follow);
    host.remove();
  }
  panel.again.addEventListener('click', () => {
    picked = undefined;
    editor = undefined;
    panel.body.replaceChildren();
    startHovering();
  });
  panel.close.addEventListener('click', closePicker);
  addEventListener('keydown', onKey, true);
  addEventListener('scroll', follow, true);
  addEventListener('resize', follow);
  startHovering();
  return { close: closePicker, isOpen: () => host.isConnected };
}
