// Touches the DOM: the debug overlay, listing each event as it is built and its delivery, inside a shadow root (built with createElement/textContent only).
import type { Context } from '../pipeline/pipeline';

/** What the instance tells the overlay about one request's answer. */
export interface DeliveryNote {
  destination: string;
  messageIds: string[];
  status: number;
}

/** The part of the instance the debug piece listens to (the overlay and the console output). */
export interface DebugTarget {
  on(name: string, handler: (...args: unknown[]) => void): unknown;
}

/** Most rows kept on screen; older ones are removed. */
const MAX_ROWS = 100;

const STYLE = `
:host { all: initial; }
.panel { position: fixed; right: 8px; bottom: 8px; z-index: 2147483647; width: 420px; max-height: 45vh; overflow: auto;
  background: #111; color: #eee; font: 12px/1.4 ui-monospace, Menlo, monospace; border-radius: 6px; box-shadow: 0 2px 12px #0008; }
header { position: sticky; top: 0; background: #222; padding: 4px 8px; display: flex; justify-content: space-between; }
button { all: unset; cursor: pointer; color: #aaa; }
ol { list-style: none; margin: 0; padding: 0; }
li { padding: 4px 8px; border-top: 1px solid #333; }
.name { font-weight: bold; }
.fired { color: #7d7; } .missed { color: #f77; } .problem { color: #fc6; }
.stopped { color: #f77; } .violation { color: #fc6; } .sent { color: #7d7; } .retried { color: #fc6; } .meta { color: #999; }
`;

/** Which text a delivery status gives. */
export function deliveryState(status: number): 'sent' | 'retried' | 'dropped' {
  if (status >= 200 && status < 300) return 'sent';
  return status === 0 || status === 408 || status === 429 || status >= 500 ? 'retried' : 'dropped';
}

function element(tag: string, className: string, text?: string): HTMLElement {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * Shows the overlay and lists `earlier` (events built before it loaded, with the `answered` deliveries), then every new one.
 * @example showOverlay(analytics, [])
 */
export function showOverlay(analytics: DebugTarget, earlier: Context[], answered: DeliveryNote[] = []): HTMLElement {
  const host = element('tally-debug', '');
  const root = host.attachShadow({ mode: 'open' });
  root.appendChild(element('style', '', STYLE));
  const panel = element('div', 'panel');
  const header = element('header', '');
  header.append(element('span', '', 'tally debug'));
  const close = element('button', '', '×');
  close.title = 'Close';
  close.addEventListener('click', () => host.remove());
  header.append(close);
  const list = element('ol', '');
  panel.append(header, list);
  root.appendChild(panel);
  document.documentElement.appendChild(host);

  const deliveries = new Map<string, HTMLElement>();
  const add = (context: Context) => {
    const { event } = context;
    const row = element('li', '');
    row.dataset.messageId = event.messageId;
    const named = event.event || event.name;
    row.append(element('div', 'name', named ? `${event.type} "${named}"` : event.type));
    const rule = (event.context.tally as { rule?: string } | undefined)?.rule;
    if (rule) row.append(element('div', 'meta', `rule: ${rule}`));
    if (context.stopped) row.append(element('div', 'stopped', `stopped by ${context.stopped}`));
    for (const violation of (event.context.violations as Array<{ description: string }> | undefined) ?? [])
      row.append(element('div', 'violation', `violation: ${violation.description}`));
    if (!context.stopped) {
      if (!context.destinations.length) row.append(element('div', 'meta', 'no destination'));
      for (const name of context.destinations) {
        const state = element('div', 'destination', `→ ${name}: queued`);
        state.dataset.destination = name;
        deliveries.set(`${event.messageId} ${name}`, state);
        row.append(state);
      }
    }
    list.prepend(row);
    while (list.children.length > MAX_ROWS) list.lastChild?.remove();
  };
  const deliver = (note: DeliveryNote) => {
    const { destination, messageIds, status } = note;
    for (const id of messageIds) {
      const state = deliveries.get(`${id} ${destination}`);
      if (!state) continue;
      const text = deliveryState(status);
      state.className = `destination ${text}`;
      state.textContent = `→ ${destination}: ${text} (${status || 'network error'})`;
    }
  };
  /** The SDK gave up on an event (refused for good, or out of attempts): its row says so, never 'queued' or 'retried'. */
  const giveUp = (payload: unknown) => {
    const failure = payload as { code?: string; destination?: string; event?: { messageId: string }; reason?: { reason?: string } };
    if (failure.code !== 'delivery_failure' || !failure.event) return;
    const state = deliveries.get(`${failure.event.messageId} ${failure.destination}`);
    if (!state) return;
    state.className = 'destination dropped';
    state.textContent = `→ ${failure.destination}: gave up (${failure.reason?.reason ?? 'dropped'})`;
  };
  earlier.forEach(add);
  answered.forEach(deliver);
  analytics.on('tally:event', (context) => add(context as Context));
  analytics.on('tally:delivery', (note) => deliver(note as DeliveryNote));
  analytics.on('error', giveUp);
  return host;
}

/**
 * Adds a note to the overlay (newest first): a title and its lines, each coloured by kind; a note of the rules preview
 * by default, or of another `section` (`options`).
 * @example addOverlayNote(overlay, 'click on <button "Buy">', [{ text: '"Buy" fired: …', kind: 'fired' }])
 */
export function addOverlayNote(overlay: HTMLElement, title: string, lines: { text: string; kind: string }[], section = 'rules'): void {
  const list = overlay.shadowRoot?.querySelector('ol');
  if (!list) return;
  const row = element('li', 'note');
  row.append(element('div', 'name', `${section}: ${title}`));
  for (const line of lines) row.append(element('div', line.kind, line.text));
  list.prepend(row);
  while (list.children.length > MAX_ROWS) list.lastChild?.remove();
}
