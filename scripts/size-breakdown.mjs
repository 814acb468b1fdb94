// npm run size: where the bytes of dist/tally.min.js come from, per source file, read from its source map.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';

const { SourceMapConsumer } = createRequire(import.meta.url)('source-map-js');
const file = process.argv[2] ?? 'dist/tally.min.js';
const lines = readFileSync(file, 'utf8').split('\n');
const consumer = new SourceMapConsumer(JSON.parse(readFileSync(`${file}.map`, 'utf8')));
const mappings = [];
consumer.eachMapping((mapping) => mappings.push(mapping));
mappings.sort((a, b) => a.generatedLine - b.generatedLine || a.generatedColumn - b.generatedColumn);

// Each mapped segment runs to the next one on its line: its minified bytes belong to its source file.
const bytes = {};
mappings.forEach((mapping, i) => {
  const next = mappings[i + 1];
  const end = next && next.generatedLine === mapping.generatedLine ? next.generatedColumn : lines[mapping.generatedLine - 1].length;
  const source = (mapping.source ?? '?').replace(/.*\/(src|node_modules)\//, '$1/');
  bytes[source] = (bytes[source] ?? 0) + end - mapping.generatedColumn;
});
const total = Object.values(bytes).reduce((sum, n) => sum + n, 0);
console.log(`${file}: minified bytes by source file (gzip shares roughly follow)`);
for (const [source, n] of Object.entries(bytes).sort((a, b) => b[1] - a[1]))
  console.log(`${String(n).padStart(7)} ${((100 * n) / total).toFixed(1).padStart(5)} %  ${source}`);
console.log(`${String(total).padStart(7)} total`);

/**
 * The features the core's files serve, first match wins: README.md's "where the core's bytes go" table is this output.
 * A new file of the core lands in "other" until it is named here.
 */
const FEATURES = [
  [
    'durable buffer: IndexedDB, leases across tabs, unload journal',
    /^src\/delivery\/(record-store|buffer|leases|holdings|write-ahead|storage-runner|sort-out|queue|buffer-config)\.ts$|idb-keyval/,
  ],
  ['queues per configuration, and the drain of earlier ones', /^src\/delivery\/(configuration|configuration-registry|drains)\.ts$/],
  [
    'sending: dispatcher, batches, retries, unload pass, fetch',
    /^src\/(delivery\/(dispatcher|sender|transport|unload|retry|lifecycle)|destinations\/batch)\.ts$/,
  ],
  ['Segment wire format, destination registry', /^src\/destinations\/(segment|destination|registry)\.ts$/],
  ['Customer.io entry and deferred destinations (the rest is its piece)', /^src\/destinations\/(customerio\/|deferred)/],
  ['analytics.js API: facade, arguments, snippet replay, emitter', /^src\/(api\/(facade|arguments|snippet|emitter|call)|standalone)\.ts$/],
  ['wiring: instance, routes, host', /^src\/api\/(analytics|routes|host)\.ts$/],
  ['options: reading and checking', /^src\/config\//],
  ['problem codes and console output', /^src\/errors\.ts$/],
  ['pieces: table, loader, gates', /^src\/(pieces|pipeline\/gates)/],
  ['event building and the pipeline', /^src\/(event|pipeline)\//],
  ['identity: cookies, localStorage, user and group', /^src\/identity\/(stores|identity)\.ts$/],
  ['cross-domain identity', /^src\/identity\/cross-domain/],
  ['sessions', /^src\/session\//],
  ['bot check', /^src\/bots\//],
  ['consent at start', /^src\/consent\//],
  ['no-code: early clicks, empty rule set', /^src\/(tracker|rules)\//],
];

if (process.argv.includes('--features')) {
  const gzip = gzipSync(lines.join('\n'), { level: 9 }).length;
  const byFeature = new Map();
  for (const [source, n] of Object.entries(bytes)) {
    const feature = FEATURES.find(([, pattern]) => pattern.test(source))?.[0] ?? `other (${source})`;
    byFeature.set(feature, (byFeature.get(feature) ?? 0) + n);
  }
  console.log(`\n| feature | minified bytes | gzip KB (its share of ${(gzip / 1024).toFixed(1)}) |\n|---|---:|---:|`);
  for (const [feature, n] of [...byFeature].sort((a, b) => b[1] - a[1]))
    console.log(`| ${feature} | ${n.toLocaleString('en')} | ${((gzip * n) / total / 1024).toFixed(1)} |`);
}
