// Two builds from one source: the IIFE a script tag loads, and ESM + types for bundlers.
// The build prints dist/tally.min.js's raw, gzip and brotli sizes and fails past the budget.
import typescript from '@rollup/plugin-typescript';
import terser from '@rollup/plugin-terser';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import { readFileSync, rmSync } from 'node:fs';
import { dts } from 'rollup-plugin-dts';
import { fileURLToPath } from 'node:url';
import { gzipSync, brotliCompressSync } from 'node:zlib';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

/**
 * Gzip budget of dist/tally.min.js in bytes, the core every page downloads: the measured size (14,490 bytes = 14.15 KB on
 * 2026-12-05: the no-code rules, the DOM tracker and Customer.io's Track API are pieces; plain code, the early-click
 * recorder, event names in messages, the ESM global, Customer.io's key rules and identity modes, and the edge option with
 * gzip bodies, the online re-check and the pageviews option added bytes). The warning that names where a page's
 * Customer.io key goes, `rulesUrl` and `pick()` took it to 14.39 KB; issue 13's engine fixes (no resend of what a leaving
 * page handed to keepalive, tally's own IndexedDB connection closed on pagehide, 2 s storage timeouts, the storage in
 * stats(), a page view never resending what it saw delivered) to 14.88 KB, and splitting the dispatcher's unload pass into
 * its own file (readability over 70 bytes) to 14.95 KB: the cap is 15 KB.
 * Issue 12's target for a Segment-only page is 10 KB; lower this as the core shrinks. Pieces are listed, outside the budget.
 */
// Issue 21 (delivery): a queue per destination configuration, the drain of earlier configurations' queues and the
// back/forward-cache hand-off took the core to 15.72 KB.
const GZIP_BUDGET_BYTES = 16 * 1024;

const terserOptions = {
  ecma: 2020,
  module: false,
  compress: { passes: 2, pure_getters: true },
  format: { comments: false },
};

function sizeReport() {
  return {
    name: 'size-report',
    generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type !== 'chunk' || !file.fileName.endsWith('.js')) continue;
        const code = Buffer.from(file.code);
        const gzip = gzipSync(code, { level: 9 }).length;
        const brotli = brotliCompressSync(code).length;
        const kb = (n) => (n / 1024).toFixed(2) + ' KB';
        const budgeted = file.fileName.endsWith('.min.js');
        console.log(
          `\n${file.fileName}: ${kb(code.length)} raw, ${kb(gzip)} gzip, ${kb(brotli)} brotli${budgeted ? ` (gzip budget ${kb(GZIP_BUDGET_BYTES)})` : ' (on demand, outside the budget)'}`,
        );
        if (budgeted && gzip > GZIP_BUDGET_BYTES)
          this.error(`${file.fileName} is ${gzip} bytes gzip, over its budget of ${GZIP_BUDGET_BYTES}`);
      }
    },
  };
}

/** Removes the per-file declarations once dist/tally.d.ts bundles them: one file, no relative imports (nodenext needs none). */
const removeDeclarationFiles = {
  name: 'remove-declaration-files',
  writeBundle: () => rmSync(fileURLToPath(new URL('./dist/types', import.meta.url)), { recursive: true, force: true }),
};

/** The on-demand pieces by name (src/pieces/loader.ts lists their exports), each built to dist/tally-<name>.js. */
const PIECES = {
  plan: 'src/plan/piece.ts',
  middleware: 'src/middleware/piece.ts',
  extras: 'src/extras/piece.ts',
  debug: 'src/debug/piece.ts',
  consent: 'src/consent/piece.ts',
  rules: 'src/rules/piece.ts',
  tracker: 'src/tracker/piece.ts',
  customerio: 'src/destinations/customerio/piece.ts',
  picker: 'src/picker/piece.ts',
};

/** A piece's script-tag file registers its exports with the loader; the entry is generated here, not written out per piece. */
const PIECE_ENTRY = '\0tally-piece:';
function pieceEntries() {
  const source = (name) => fileURLToPath(new URL(`./${PIECES[name]}`, import.meta.url));
  const loader = fileURLToPath(new URL('./src/pieces/loader.ts', import.meta.url));
  return {
    name: 'piece-entries',
    resolveId: (id) => (id.startsWith(PIECE_ENTRY) ? id : null),
    load(id) {
      if (!id.startsWith(PIECE_ENTRY)) return null;
      const name = id.slice(PIECE_ENTRY.length);
      return `import { registerPiece } from ${JSON.stringify(loader)};\nimport * as piece from ${JSON.stringify(source(name))};\nregisterPiece(${JSON.stringify(name)}, piece);\n`;
    },
  };
}

const replaceVersion = replace({ preventAssignment: true, values: { __TALLY_VERSION__: version } });

export default [
  {
    input: 'src/standalone.ts',
    output: { file: 'dist/tally.min.js', format: 'iife', sourcemap: true, plugins: [terser(terserOptions)] },
    plugins: [
      replaceVersion,
      nodeResolve(),
      typescript({ tsconfig: './tsconfig.json', declaration: false, sourceMap: true }),
      sizeReport(),
    ],
  },
  // The on-demand pieces the script-tag bundle loads from its own folder when a page needs them (src/pieces/loader.ts).
  ...Object.keys(PIECES).map((name) => ({
    input: `${PIECE_ENTRY}${name}`,
    output: { file: `dist/tally-${name}.js`, format: 'iife', sourcemap: true, plugins: [terser(terserOptions)] },
    plugins: [
      pieceEntries(),
      replaceVersion,
      nodeResolve(),
      typescript({ tsconfig: './tsconfig.json', declaration: false, sourceMap: true }),
      sizeReport(),
    ],
  })),
  {
    input: 'src/index.ts',
    output: { file: 'dist/tally.mjs', format: 'es', sourcemap: true },
    plugins: [
      replaceVersion,
      nodeResolve(),
      typescript({ tsconfig: './tsconfig.json', declaration: true, declarationDir: 'dist/types', sourceMap: true }),
    ],
  },
  // tally/edge: the server half, web-standard (node:* only in its node:http adapter), for Node, Deno, Bun and Workers.
  {
    input: 'src/edge/index.ts',
    output: { file: 'dist/edge.mjs', format: 'es' },
    external: [/^node:/],
    plugins: [typescript({ tsconfig: './tsconfig.json', declaration: true, declarationDir: 'dist/types', outDir: 'dist' })],
  },
  // dist/tally.d.ts and dist/edge.d.ts: the public types in one file each, bundled from the declarations the builds above
  // wrote (run after them).
  {
    input: { tally: 'dist/types/index.d.ts', edge: 'dist/types/edge/index.d.ts' },
    output: { dir: 'dist', format: 'es', entryFileNames: '[name].d.ts' },
    external: [/^node:/],
    plugins: [dts(), removeDeclarationFiles],
  },
];
