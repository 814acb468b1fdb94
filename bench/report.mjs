// Renders the medians as bench/results.md: the side-by-side table with tally/peer ratios, the issue's targets, tally's profile.

const KB = 1024;
const fmt = (value, digits = 0) => (value === null || value === undefined ? '—' : Number(value).toFixed(digits));
const kb = (bytes) => fmt(bytes / KB, 1);
const ratio = (mine, theirs) =>
  mine === null || theirs === null || !theirs ? '—' : `${(mine / theirs).toFixed(mine / theirs < 0.1 ? 3 : 2)}×`;

/** One wire cell: the value, or how many events arrived when some never did within the cap. */
const arrivalMs = (wire, capMs) =>
  wire.ms !== null ? fmt(wire.ms) : `${fmt(wire.events)}/1000 in ${capMs / 1000} s (${wire.complete}/${wire.runs} runs complete)`;

/** The table rows: [label, pick(result) → number | null, format(number, result) → cell]. */
function rows(capMs) {
  const wire = (mode) => [
    [`${mode}: requests`, (r) => r[mode].requests, (v) => fmt(v)],
    [`${mode}: CORS preflights`, (r) => r[mode].preflights, (v) => fmt(v)],
    [`${mode}: KB on the wire`, (r) => r[mode].bytes, (v) => kb(v)],
    [`${mode}: ms until all 1,000 arrived`, (r) => r[mode].ms, (v, r) => arrivalMs(r[mode], capMs)],
  ];
  return [
    ['JS downloaded, minified KB', (r) => r.bytes.min, kb],
    ['JS downloaded, gzip KB', (r) => r.bytes.gzip, kb],
    ['JS downloaded, brotli KB', (r) => r.bytes.brotli, kb],
    ['ready, ms from navigation start', (r) => r.ready, (v) => fmt(v)],
    ['1,000 track(): synchronous ms, defaults', (r) => r.syncMs, (v) => fmt(v, 1)],
    ['1,000 track(): synchronous ms, batching config', (r) => r.syncBatchingMs, (v) => fmt(v, 1)],
    ['longest task during the flush, ms (0 = none > 50 ms)', (r) => r.longTaskMs, (v) => fmt(v)],
    ...wire('defaults'),
    ...wire('batching'),
    ['navigation: of 50, arrived within 5 s', (r) => r.navWithin, (v) => fmt(v)],
    ['navigation: of 50, arrived after reopening', (r) => r.navReopen, (v) => fmt(v)],
    ['JS heap after init, MB', (r) => r.heapInit, (v) => fmt(v / KB / KB, 2)],
    ['JS heap after 1,000 track(), MB', (r) => r.heapAfter, (v) => fmt(v / KB / KB, 2)],
  ];
}

function table(results, capMs) {
  const names = Object.keys(results);
  const [mine, ...peers] = names;
  const head = [`| measure (median) | ${mine} |`, ...peers.map((p) => ` ${p} | ${mine}/${p} |`)].join('');
  const rule = `|---|---:|${peers.map(() => '---:|---:|').join('')}`;
  const body = rows(capMs).map(([label, pick, format]) => {
    const cell = (name) => {
      const value = pick(results[name]);
      return value === null || value === undefined ? '—' : format(value, results[name]);
    };
    return `| ${label} | ${cell(mine)} |${peers.map((p) => ` ${cell(p)} | ${ratio(pick(results[mine]), pick(results[p]))} |`).join('')}`;
  });
  return [head, rule, ...body].join('\n');
}

function targets(results) {
  const tally = results.tally;
  if (!tally) return '(tally was not part of this run)';
  const lines = [];
  const verdict = (met) => {
    if (met === null) return 'n/a';
    return met ? '**met**' : '**missed**';
  };
  const add = (name, met, figure) => lines.push(`| ${name} | ${verdict(met)} | ${figure} |`);
  const next = results['analytics-next'];
  if (next)
    add(
      'JS gzip ≤ 1/3 of analytics-next',
      tally.bytes.gzip <= next.bytes.gzip / 3,
      `${kb(tally.bytes.gzip)} KB vs ${kb(next.bytes.gzip)} KB (${ratio(tally.bytes.gzip, next.bytes.gzip)}; limit ${kb(next.bytes.gzip / 3)} KB)`,
    );
  add('JS gzip ≤ 10 KB', tally.bytes.gzip <= 10 * KB, `${kb(tally.bytes.gzip)} KB (${fmt(tally.bytes.gzip)} bytes)`);
  // Compared in the batching visit, where every SDK keeps all 1,000 calls (PostHog's default rate limit drops most).
  const peers = Object.values(results).filter((r) => r !== tally && r.syncBatchingMs !== null);
  if (peers.length) {
    const fastest = peers.reduce((a, b) => (a.syncBatchingMs <= b.syncBatchingMs ? a : b));
    const [mine, theirs] = [tally.syncBatchingMs, fastest.syncBatchingMs];
    add(
      '1,000 track() ≤ 1/50 of the fastest peer (batching config)',
      mine <= theirs / 50,
      `${fmt(mine, 1)} ms vs ${fastest.sdk.name} ${fmt(theirs, 1)} ms (${ratio(mine, theirs)}; limit ${fmt(theirs / 50, 1)} ms)`,
    );
  }
  add('no long task > 50 ms during the flush', tally.longTaskMs <= 50, tally.longTaskMs ? `longest ${fmt(tally.longTaskMs)} ms` : 'none');
  for (const mode of ['defaults', 'batching']) {
    const wire = tally[mode];
    const limit = tally.sdk.flushIntervalMs[mode] + 1000;
    const label = mode === 'defaults' ? 'defaults' : `batching (${tally.sdk.batching})`;
    add(`1,000 events in ≤ 3 requests, ${label}`, wire.requests <= 3, `${fmt(wire.requests)} requests`);
    add(`no preflight, ${label}`, wire.preflights === 0, `${fmt(wire.preflights)} preflights`);
    add(
      `all at the collector within flushInterval + 1 s, ${label}`,
      wire.ms !== null && wire.ms <= limit,
      `${wire.ms === null ? `${fmt(wire.events)}/1000 arrived` : `${fmt(wire.ms)} ms`} (limit ${limit} ms)`,
    );
  }
  add(
    '0 of 50 lost on navigation within 5 s',
    tally.navWithin >= 50,
    `${fmt(tally.navWithin)}/50 arrived (runs, within/after reopen: ${tally.navRuns.join(', ')})`,
  );
  return ['| target | result | figure |', '|---|---|---|', ...lines].join('\n');
}

function planSection(plan) {
  if (!plan) return '';
  return `\n## Tracking plan check (issue 7)\n\nThe Protocols example event of docs/plan.md against its plan, compiled once (${fmt(plan.compileMs, 2)} ms), checked 20,000 times per round in Node ${process.version} (V8), median of 5 rounds: **${fmt(plan.validUs, 2)} µs** for a valid event, **${fmt(plan.invalidUs, 2)} µs** for an invalid one (${plan.violations} violations).\n`;
}

function edgeSection(edge) {
  if (!edge) return '';
  const { delivered, bytesPerEvent, events, flushAt } = edge;
  const of = (count) => `${count}/${events}`;
  return `\n## The first-party edge (issue 14)\n\nA content blocker simulated in Chromium (every request to api.segment.io, cdp.customer.io and track.customer.io aborted), ${events} track calls in rounds of ${flushAt} (bench/measures/edge.mjs):\n\n| | Segment | Customer.io Track API |\n|---|---:|---:|\n| tally with \`edge: '/t'\` | ${of(delivered.edge.segment)} | ${of(delivered.edge.customerio)} |\n| tally without the edge | ${of(delivered.none.segment)} | ${of(delivered.none.customerio)} |\n\nSegment batches through the edge, bytes per event: **${bytesPerEvent.gzip.body} B gzip** (${bytesPerEvent.gzip.wire} B with the request's headers) against ${bytesPerEvent.plain.body} B plain (${bytesPerEvent.plain.wire} B), the same page without CompressionStream.\n`;
}

function profileSection(profile) {
  if (!profile) return '';
  const rowsText = profile.top
    .map((t) => `| ${t.fn.replace(/\|/g, '\\|')} | ${fmt(t.selfMs, 1)} | ${fmt(t.share * 100, 1)} % |`)
    .join('\n');
  return `\n## tally's track() hot path\n\n${fmt(profile.perCallUs, 2)} µs per call (5,000 calls in ${fmt(profile.totalMs, 1)} ms, unminified dist/tally.mjs, CDP sampling profiler at 50 µs). Self time by function:\n\n| function (file:line) | self ms | share of samples |\n|---|---:|---:|\n${rowsText}\n`;
}

/** "median (max)" of a figure over the runs. */
const spreadCell = (figure, digits = 0) => (figure ? `${fmt(figure.median, digits)} (${fmt(figure.max, digits)})` : '—');

/** Long tasks and frames at load and in the flush, per SDK: medians over the runs with the worst run in brackets. */
function longTaskTable(results, hide) {
  const names = Object.keys(results);
  const row = (label, pick, digits = 0) => `| ${label} | ${names.map((n) => spreadCell(pick(n), digits)).join(' | ')} |`;
  const window = (name, of) => [
    row(`${name}: longest task, ms`, (n) => of(n).longestTaskMs),
    row(`${name}: tasks over 50 ms`, (n) => of(n).tasks),
    row(`${name}: total blocking time, ms`, (n) => of(n).blockingMs),
    row(`${name}: most of the SDK's own script in one long frame, ms`, (n) => of(n).ownMs),
  ];
  return [
    `| median (max) over the runs | ${names.join(' | ')} |`,
    `|---|${names.map(() => '---:|').join('')}`,
    ...window('load (navigation to 5 s after load)', (n) => results[n].load),
    ...window('flush of 1,000 events', (n) => results[n].flush),
    row('page hide after 1,000 events: ms in the pagehide listeners', (n) => hide[n]?.hideMs, 1),
    ...window('page hide after 1,000 events (burst end to 2 s after)', (n) => hide[n] ?? {}),
  ].join('\n');
}

function mainThreadSection(results, mainThread) {
  if (!mainThread) return '';
  const { pageTypes, interaction } = mainThread;
  const peers = Object.keys(results).filter((name) => name !== 'tally');
  const bytesRows = pageTypes.map(
    (type) =>
      `| ${type.name} | ${kb(type.bytes.gzip)} (${kb(type.bytes.min)} min) | ${type.bytes.urls.join(', ')} |${peers.map((p) => ` ${ratio(type.bytes.gzip, results[p].bytes.gzip)} |`).join('')}`,
  );
  const names = Object.keys(interaction);
  const cell = (pick) => names.map((name) => pick(interaction[name])).join(' | ');
  const ms = (figure) => `${fmt(figure.median, 3)} / ${fmt(figure.p95, 3)}`;
  return `
## Main thread (issue 26)

Long tasks (PerformanceObserver 'longtask') and long animation frames (the Long Animation Frames API, which names the
source URL of each script that ran in the frame), in the defaults visit:

${longTaskTable(results, mainThread.hide)}

JS downloaded per page type through the script tag (tally; the peers' pages are their defaults, whose cloud-mode
destinations add no script):

| page type | tally gzip KB | scripts |${peers.map((p) => ` tally/${p} |`).join('')}
|---|---:|---|${peers.map(() => '---:|').join('')}
${bytesRows.join('\n')}

Per interaction on a page of 2,000 elements: 50 click rules (tally) or autocapture (PostHog), ms per click (timed in groups of 10 against the page clock's 0.1 ms grain); 45
visibility and 5 scroll rules, ms per scroll event (median / p95, median over the runs):

| | ${names.join(' | ')} |
|---|${names.map(() => '---:|').join('')}
| click, ms median / p95 | ${cell((r) => ms(r.click))} |
| clicks: longest task, ms median (max) | ${cell((r) => spreadCell(r.clickTasks.longestTaskMs))} |
| scroll event, ms median / p95 | ${cell((r) => ms(r.scroll))} |
| scrolling: longest task, ms median (max) | ${cell((r) => spreadCell(r.scrollTasks.longestTaskMs))} |
| scrolling: most own script in one long frame, ms | ${cell((r) => spreadCell(r.scrollTasks.ownMs))} |
`;
}

/** The whole results.md. */
export function renderResults({ results, machine, runs, events, navEvents, capMs, profile, plan, edge, mainThread, offHost, seconds }) {
  const setup = Object.values(results)
    .map(
      (r) =>
        `- **${r.sdk.name}**: batching ${r.sdk.batching ? `on with ${r.sdk.batching}` : 'has no separate option (batches by default): the batching rows repeat its defaults'}; scripts: ${r.bytes.files.join(', ')}`,
    )
    .join('\n');
  return `# tally benchmark results

${new Date().toISOString().slice(0, 10)} · ${machine.cores} cores (${machine.cpu}) · Chromium ${machine.chromium} headless · Node ${machine.node} · ${runs} run(s) per SDK, medians · ${fmt(seconds)} s in all.
Shared, noisy machine: compare within one run, not across runs. How to run and what each row means: docs/benchmark.md.
${offHost.length ? `\n**FAILED: requests left loopback:** ${[...new Set(offHost)].join(', ')}\n` : ''}
${table(results, capMs)}

Ratios are tally / peer: below 1× tally is smaller, faster or lighter. ${events} events per wire visit, ${navEvents} for navigation; a visit waits at most ${capMs / 1000} s for its events.

${setup}

## Targets (issue 6)

${targets(results)}
${mainThreadSection(results, mainThread)}${profileSection(profile)}${planSection(plan)}${edgeSection(edge)}`;
}
