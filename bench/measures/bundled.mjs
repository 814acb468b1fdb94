// What a minimal bundled app ships (issue 26): a 4-line Vite app importing `load` from the package's ESM build
// (dist/tally.mjs, each piece a lazy chunk), per page type, beside the script tag for the same options. Gzip bytes of
// the JS the page loads: the entry, then the lazy chunks of the pieces that page type asks for; and every chunk in all.
// Runs on its own (`node bench/measures/bundled.mjs`, after `npx rollup -c`) and prints a table; bench/run.mjs calls it.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const gzip = (code) => gzipSync(Buffer.from(code), { level: 9 }).length;

/** The page types, with the pieces each one's options make tally load at start (the script tag fetches the same files). */
export const PAGE_TYPES = [
  { name: 'Segment only', options: {}, pieces: [] },
  {
    name: 'Segment + Customer.io',
    options: { customerio: { siteId: 'site', apiKey: 'key' } },
    pieces: ['customerio'],
  },
  {
    name: 'everything (rules, consent, plan, redact, debug, Customer.io)',
    options: {
      customerio: { siteId: 'site', apiKey: 'key' },
      events: { 'Signed Up': { on: 'click', selector: 'button.signup' } },
      consent: { required: true },
      plan: { 'Signed Up': {} },
      redact: { properties: ['email'] },
      debug: true,
    },
    pieces: ['rules', 'tracker', 'consent', 'plan', 'middleware', 'debug', 'customerio'],
  },
];

/** The script tag's bytes for a page type: dist/tally.min.js and each piece's file. */
function scriptTagBytes(pieces) {
  const file = (name) => gzip(readFileSync(join(ROOT, 'dist', name)));
  return file('tally.min.js') + pieces.reduce((sum, piece) => sum + file(`tally-${piece}.js`), 0);
}

/** Vite's preload helper, which wraps each `import()`, replaced by a call of the import: the site's code, not tally's. */
const SITE_PRELOAD_HELPER = {
  name: 'bench:site-preload-helper',
  enforce: 'pre',
  load: (id) => (id.includes('vite/preload-helper') ? 'export const __vitePreload = (load) => load();' : undefined),
};

/** Builds the minimal app for `options` with Vite (nothing written to disk); returns its JS chunks. */
async function buildApp(vite, options) {
  const root = mkdtempSync(join(tmpdir(), 'tally-bundled-'));
  try {
    writeFileSync(join(root, 'index.html'), '<!doctype html><script type="module" src="/main.js"></script>\n');
    writeFileSync(join(root, 'main.js'), `import { load } from 'tally';\nload('WRITE_KEY', ${JSON.stringify(options)});\n`);
    const [output] = [].concat(
      await vite.build({
        root,
        configFile: false,
        logLevel: 'silent',
        resolve: { alias: { tally: join(ROOT, 'dist', 'tally.mjs') } },
        // Vite's module preloading off, and its preload helper a one-line stub: the polyfill and the helper (about
        // 0.65 KB gzip in the entry) are the site's code, not tally's (an app with any lazy route has them once), and a
        // page type's pieces have nothing to preload beside them. Vite 8 keeps the helper even with modulePreload off.
        plugins: [SITE_PRELOAD_HELPER],
        build: { write: false, modulePreload: false },
      }),
    );
    return output.output.filter((file) => file.type === 'chunk');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** The piece a chunk is (its facade dist/esm/<folder>/piece.mjs; a trigger kind's as kind-<folder>), if it is one. */
function pieceOf(chunk) {
  const match = /esm\/(?:destinations\/)?(triggers\/)?([\w-]+)\/piece\.mjs$/.exec((chunk.facadeModuleId ?? '').replaceAll('\\', '/'));
  return match && `${match[1] ? 'kind-' : ''}${match[2]}`;
}

/** The gzip bytes of `start` chunks and everything they import statically, each chunk once. */
function loadedBytes(chunks, start) {
  const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const seen = new Set();
  const visit = (chunk) => {
    if (!chunk || seen.has(chunk.fileName)) return;
    seen.add(chunk.fileName);
    chunk.imports.forEach((name) => visit(byName.get(name)));
  };
  start.forEach(visit);
  return [...seen].reduce((sum, name) => sum + gzip(byName.get(name).code), 0);
}

/** Measures every page type: script tag, bundled entry, bundled as loaded for the type, every bundled chunk. */
export async function measureBundled() {
  const vite = await import(pathToFileURL(join(ROOT, 'node_modules', 'vite', 'dist', 'node', 'index.js')).href);
  const rows = [];
  for (const type of PAGE_TYPES) {
    const chunks = await buildApp(vite, type.options);
    const entry = chunks.filter((chunk) => chunk.isEntry);
    const pieces = chunks.filter((chunk) => type.pieces.includes(pieceOf(chunk)));
    const missing = type.pieces.filter((piece) => !chunks.some((chunk) => pieceOf(chunk) === piece));
    if (missing.length) throw new Error(`no lazy chunk for ${missing.join(', ')}: is dist/ built?`);
    const scriptTag = scriptTagBytes(type.pieces);
    const loaded = loadedBytes(chunks, [...entry, ...pieces]);
    rows.push({
      name: type.name,
      scriptTag,
      entry: loadedBytes(chunks, entry),
      loaded,
      total: chunks.reduce((sum, chunk) => sum + gzip(chunk.code), 0),
      ratio: loaded / scriptTag,
    });
  }
  return rows;
}

/** The rows as a Markdown table. */
export function renderBundled(rows) {
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
  return [
    '| Page type | Script tag | Bundled: entry | Bundled: loaded | Loaded vs script tag | Bundled: all chunks |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (row) =>
        `| ${row.name} | ${kb(row.scriptTag)} | ${kb(row.entry)} | ${kb(row.loaded)} | ${((row.ratio - 1) * 100).toFixed(1)} % | ${kb(row.total)} |`,
    ),
  ].join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log('JS gzip bytes of a minimal Vite app importing load() from dist/tally.mjs, beside the script tag:\n');
  console.log(renderBundled(await measureBundled()));
}
