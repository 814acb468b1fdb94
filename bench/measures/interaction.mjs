// Measure 6: the main-thread cost of each interaction on a large page: 2,000 elements, 50 click rules (or PostHog's
// autocapture), then 50 visibility and scroll rules: ms per click and per scroll event, and long tasks while they listen.

/** Cards on the page: 8 elements each, in sections of 10 (2,000 elements plus the sections). */
const CARDS = 250;
const CARDS_PER_SECTION = 10;
/** Rules per page, as the issue sets them. */
const RULES = 50;

/** The page body: sections of cards (heading, text, a list, a button with a label), tall enough to scroll. */
export function interactionBody() {
  const card = (i) =>
    `<div class="card v${i % 45}" data-id="${i}" style="height:120px"><h3>Card ${i}</h3><p>About item ${i}</p>` +
    `<ul><li>one</li><li>two</li></ul><button class="btn b${i % 40}"><span>Buy ${i}</span></button></div>`;
  const sections = [];
  for (let s = 0; s < CARDS / CARDS_PER_SECTION; s++) {
    const cards = Array.from({ length: CARDS_PER_SECTION }, (_, j) => card(s * CARDS_PER_SECTION + j));
    sections.push(`<section class="s${s}">${cards.join('')}</section>`);
  }
  return sections.join('\n');
}

/** 50 click rules: 40 on the buttons' classes, 10 on headings by section (an ancestor selector) with a text pattern. */
export function clickRules() {
  const rules = {};
  for (let k = 0; k < 40; k++) rules[`Button ${k} Clicked`] = { on: 'click', selector: `button.b${k}` };
  for (let k = 0; k < RULES - 40; k++) rules[`Heading ${k} Clicked`] = { on: 'click', selector: `section.s${k} .card h3`, text: 'Card*' };
  return rules;
}

/** 50 listening rules: 45 visibility rules (half of a card for 0 ms) and 5 scroll rules at four depths each. */
export function visibleAndScrollRules() {
  const rules = {};
  for (let k = 0; k < 45; k++) rules[`Card ${k} Seen`] = { on: 'visible', selector: `.card.v${k}` };
  for (let k = 0; k < RULES - 45; k++) rules[`Scrolled ${k}`] = { on: 'scroll', percent: [25, 50, 75, 90] };
  return rules;
}

const percentile = (values, share) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))];
};

/** { median, p95, max } of a list of ms. */
export const spread = (values) => ({ median: percentile(values, 0.5), p95: percentile(values, 0.95), max: Math.max(...values) });

/** Clicks (or scroll events) timed together: the page clock has a 0.1 ms grain, finer than one click's cost. */
const GROUP = 10;

/**
 * Clicks elements picked across the page (buttons, their labels, headings, list items), `count` groups of GROUP clicks,
 * one group per task, and times each group's dispatches: every click listener runs inside them (capture and bubble),
 * so this is the processing time the SDKs add to a click's event (what INP counts). Returns ms per click, per group.
 */
export function timeClicks(page, count) {
  return page.evaluate(
    async ({ count, group }) => {
      const targets = Array.from(document.querySelectorAll('button span, button, h3, li, p'));
      const times = [];
      for (let i = 0; i < count; i++) {
        const start = performance.now();
        for (let j = 0; j < group; j++) {
          const target = targets[((i * group + j) * 7919) % targets.length];
          target.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true, view: window }));
        }
        times.push((performance.now() - start) / group);
        // A new task per group, as a user's clicks come in tasks of their own.
        await new Promise((done) => setTimeout(done));
      }
      return times;
    },
    { count, group: GROUP },
  );
}

/**
 * Scrolls the page from top to bottom in `steps` frames (the IntersectionObserver and scroll listeners run as they
 * would for a user), then times `count` groups of GROUP scroll events dispatched at the window (every scroll listener
 * runs inside the dispatch). Returns { frameEndMs, perEvent: [ms per event, per group] }; long tasks are read from the harness afterwards.
 */
export function scrollAndTime(page, steps, count) {
  return page.evaluate(
    async ({ steps, count, group }) => {
      const frame = () => new Promise((done) => requestAnimationFrame(() => setTimeout(done)));
      const height = document.documentElement.scrollHeight - innerHeight;
      for (let i = 1; i <= steps; i++) {
        scrollTo(0, (height * i) / steps);
        await frame();
      }
      const perEvent = [];
      for (let i = 0; i < count; i++) {
        const start = performance.now();
        for (let j = 0; j < group; j++) dispatchEvent(new Event('scroll'));
        perEvent.push((performance.now() - start) / group);
        await new Promise((done) => setTimeout(done));
      }
      return { frameEndMs: performance.now(), perEvent };
    },
    { steps, count, group: GROUP },
  );
}

/** A page with no SDK at all: the clicks' and scrolls' floor on this page. */
export const NO_SDK = { name: 'no SDK', sink: 'bench', ownScript: /$^/, head: () => '<script>__bench.markReady();</script>' };

/** Time after ready for the pieces and lazy extensions to arrive and start listening. */
const SETTLE_MS = 1500;
const CLICKS = 100;
const SCROLL_STEPS = 40;
const SCROLL_EVENTS = 100;

/** The load options that give each SDK its rules on the interaction page (PostHog's autocapture is on by default). */
const rulesFor = (sdk, rules) => (sdk.name === 'tally' ? { options: { events: rules } } : {});

/**
 * One SDK on the 2,000-element page, twice: with 50 click rules, clicked 200 times; with 50 visibility and scroll rules,
 * scrolled through then sent 200 scroll events. `openSdkPage(sdk, { options, body })` is run.mjs's visit opener.
 * Returns { click: spread, clickTasks, scroll: spread, scrollTasks } (tasks: longFrames of that phase).
 */
export async function interactionVisit(sdk, openSdkPage, longFrames) {
  const body = interactionBody();
  const phase = async (rules, act) => {
    const visit = await openSdkPage(sdk, { body, ...rulesFor(sdk, rules) });
    await visit.tab.waitForFunction((ms) => performance.now() > ms, visit.ready + SETTLE_MS, { polling: 100 });
    const fromMs = await visit.tab.evaluate(() => performance.now());
    const times = await act(visit.tab);
    const tasks = await longFrames(visit.tab, { fromMs, ownScript: sdk.ownScript });
    await visit.context.close();
    return { times, tasks };
  };
  const clicks = await phase(clickRules(), (tab) => timeClicks(tab, CLICKS));
  const scrolls = await phase(visibleAndScrollRules(), async (tab) => (await scrollAndTime(tab, SCROLL_STEPS, SCROLL_EVENTS)).perEvent);
  return { click: spread(clicks.times), clickTasks: clicks.tasks, scroll: spread(scrolls.times), scrollTasks: scrolls.tasks };
}
