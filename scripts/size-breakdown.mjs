// npm run size: where the bytes of dist/tally.min.js come from, per source file, read from its source map.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

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
