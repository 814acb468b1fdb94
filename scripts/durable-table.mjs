// Prints the per-engine durability table of docs/engines.md from the figures the durable e2e specs wrote (.reports/durable-<engine>.jsonl,
// one JSON line per scenario run; the last run of each scenario counts). Usage: node scripts/durable-table.mjs
import { existsSync, readFileSync } from 'node:fs';

const ENGINES = ['chromium', 'firefox', 'webkit'];

/** The scenarios in docs/engines.md's order (the durable specs' `finish()` names); any other one follows, as first seen. */
const ORDER = [
  'offline burst then online',
  '5xx: 500 x3 then 200',
  'offline, reload twice, online',
  'IndexedDB slow to open, offline, reload twice, online',
  'navigate away after 50 tracks, come back',
  'navigate away with a batch in flight, come back',
  'track, follow a link to another path, new navigation back (page cache on)',
  'navigate away and straight back, page cache on (100 rounds in WebKit, 10 elsewhere)',
  'close the tab mid-flush, reopen',
  'two tabs offline then online',
  'two tabs, other Customer.io settings (Track API, Pipelines)',
  'indexedDB deleted before load',
  'storage denied (private mode)',
];
const rank = (scenario) => (ORDER.includes(scenario) ? ORDER.indexOf(scenario) : ORDER.length);

/** The last figures of each scenario, by engine. */
function read() {
  const byScenario = new Map();
  for (const engine of ENGINES) {
    const file = `.reports/durable-${engine}.jsonl`;
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
      const figures = JSON.parse(line);
      if (!byScenario.has(figures.scenario)) byScenario.set(figures.scenario, {});
      byScenario.get(figures.scenario)[engine] = figures;
    }
  }
  return byScenario;
}

const cell = (figures) =>
  figures
    ? `${figures.delivered}/${figures.sent} · ${figures.lost} lost · ${figures.duplicated} dup · ${figures.storedDelivered} left`
    : 'not run';

const rows = [...read()]
  .sort(([a], [b]) => rank(a) - rank(b))
  .map(([scenario, engines]) => `| ${scenario} | ${ENGINES.map((engine) => cell(engines[engine])).join(' | ')} |`);
console.log(['| scenario | Chromium | Firefox | WebKit |', '|---|---|---|---|', ...rows].join('\n'));
