// Prints the README's per-engine durability table from the figures the durable e2e specs wrote (.reports/durable-<engine>.jsonl,
// one JSON line per scenario run; the last run of each scenario counts). Usage: node scripts/durable-table.mjs
import { existsSync, readFileSync } from 'node:fs';

const ENGINES = ['chromium', 'firefox', 'webkit'];

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

const rows = [...read()].map(([scenario, engines]) => `| ${scenario} | ${ENGINES.map((engine) => cell(engines[engine])).join(' | ')} |`);
console.log(['| scenario | Chromium | Firefox | WebKit |', '|---|---|---|---|', ...rows].join('\n'));
