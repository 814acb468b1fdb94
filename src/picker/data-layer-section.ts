// Touches the DOM and window: the picker's "Data layer" section. It lists the pushes seen on this page (event names with
// their keys); "Make a rule" turns one into a `dataLayer` rule whose ticked keys become `data` properties, shown as the
// JSON to paste into `events`, checked as load() would check it.
import { h } from './ui';
import { createProblems } from '../config/readers';
import { readEvents } from '../rules/definitions';
import { DEFAULT_LAYER, pushedTo } from '../tracker/data-layer';
import { dataLayerRule, summarizePushes, type PushSummary } from './pushes';

/** The rule of one pushed event, with a box per key (all ticked at first), its JSON and load()'s messages. */
function ruleFor(summary: PushSummary): HTMLElement {
  const json = h('pre', {});
  const errors = h('div', { className: 'bad' });
  const boxes = summary.keys.map((key) => [key, h('input', { type: 'checkbox', checked: true })] as const);
  const update = () => {
    const rule = dataLayerRule(
      summary.event,
      boxes.filter(([, box]) => box.checked).map(([key]) => key),
    );
    json.textContent = JSON.stringify(rule, null, 2);
    const problems = createProblems();
    readEvents(problems, rule);
    errors.replaceChildren(...problems.errors.map((error) => h('div', { textContent: error.message })));
  };
  for (const [, box] of boxes) box.addEventListener('change', update);
  const copy = h('button', { type: 'button', className: 'quiet', textContent: 'Copy JSON' });
  copy.addEventListener('click', () => void navigator.clipboard?.writeText(json.textContent ?? ''));
  update();
  return h(
    'div',
    { className: 'rule' },
    ...boxes.map(([key, box]) => h('label', {}, box, ` ${key}`)),
    json,
    errors,
    h('div', { className: 'row' }, copy),
  );
}

/** One pushed event: its name, count and keys, and the button that makes its rule. */
function lineFor(summary: PushSummary, show: (node: HTMLElement) => void): HTMLElement {
  const make = h('button', { type: 'button', className: 'quiet', textContent: 'Make a rule' });
  make.addEventListener('click', () => show(ruleFor(summary)));
  const keys = summary.keys.length ? summary.keys.join(', ') : 'no other keys';
  return h(
    'div',
    { className: 'push' },
    h('strong', { textContent: summary.event }),
    h('span', { className: 'meta', textContent: ` ×${summary.count}: ${keys} ` }),
    make,
  );
}

/**
 * The section; `refresh()` reads the data layer again (named `name`, default `dataLayer`) and lists what it holds now.
 * @example const pushes = createDataLayerSection(); panel.append(pushes.node); pushes.refresh()
 */
export function createDataLayerSection(name = DEFAULT_LAYER): { node: HTMLElement; refresh(): void } {
  const list = h('div', {});
  const rule = h('div', {});
  const again = h('button', { type: 'button', className: 'quiet', textContent: 'Read again' });
  const node = h('section', {}, h('h3', { textContent: `Data layer pushes on this page (window.${name})` }), list, rule, again);
  const refresh = () => {
    const summaries = summarizePushes(pushedTo(name));
    list.replaceChildren(...summaries.map((summary) => lineFor(summary, (made) => rule.replaceChildren(made))));
    if (!summaries.length) list.append(h('div', { className: 'meta', textContent: 'no push with an event key yet' }));
  };
  again.addEventListener('click', refresh);
  refresh();
  return { node, refresh };
}
