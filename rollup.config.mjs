// Two builds from one source: the IIFE a script tag loads, and ESM + types for bundlers.
// The build prints dist/tally.min.js's raw, gzip and brotli sizes and fails past the budget.
import typescript from '@rollup/plugin-typescript';
import terser from '@rollup/plugin-terser';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import ts from 'typescript';
import { dts } from 'rollup-plugin-dts';
import { fileURLToPath } from 'node:url';
import { gzipSync, brotliCompressSync } from 'node:zlib';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

/**
 * Gzip budget of dist/tally.min.js, the core every page downloads: the measured core plus 0.5 KB, set when an issue lands
 * (CHANGELOG.md keeps the history). It catches accidents; bytes are won back by moving features out.
 */
// 2026-12-07 (issues 22, 23, 26, 27 merged): 19,608 B measured. Issue 26 took Customer.io out (-671 B) and said problems
// by code (+314 B); issue 23 added sessions (on by default) and the bot pre-check and hold (~1.5 KB), the Page Left seam
// (trackLater) and the cross-domain landing that must run before the first event (~0.7 KB); the kinds' loader ~150 B,
// IndexedDB slicing ~190 B.
// 2026-12-08 (issue 26): 19,743 B measured (+135 B): the timezone read from Temporal or once the page is idle, the unload
// journal in parts, the session and crossDomain readers by code (T112-T115, about -180 B); then 19,804 B with a round's
// check that an unload pass did not send its next request already (+61 B).
const GZIP_BUDGET_BYTES = 19_804 + 512;

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

/** The piece table (src/pieces/table.ts, no runtime imports), read here through TypeScript's transpiler. */
const { PIECE_TABLE } = await import(
  'data:text/javascript,' +
    encodeURIComponent(
      ts.transpileModule(readFileSync('src/pieces/table.ts', 'utf8'), { compilerOptions: { module: 'ESNext', target: 'ES2020' } })
        .outputText,
    )
);

/** Each piece's entry: the piece.ts in the folder named for it (src/plan/piece.ts, src/destinations/customerio/piece.ts). */
const PIECES = Object.fromEntries(
  PIECE_TABLE.map(({ name }) => [name, [`src/${name}/piece.ts`, `src/destinations/${name}/piece.ts`].find((path) => existsSync(path))]),
);

/** The trigger kinds' pieces, by registry name: every src/triggers/<piece>/piece.ts, built to dist/tally-kind-<piece>.js. */
const KIND_PIECES = Object.fromEntries(
  readdirSync('src/triggers', { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(`src/triggers/${entry.name}/piece.ts`))
    .map((entry) => [`kind-${entry.name}`, `src/triggers/${entry.name}/piece.ts`]),
);

/** A piece's script-tag file registers its exports with the loader; the entry is generated here, not written out per piece. */
const PIECE_ENTRY = '\0tally-piece:';
function pieceEntries() {
  const source = (name) => fileURLToPath(new URL(`./${PIECES[name] ?? KIND_PIECES[name]}`, import.meta.url));
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

/**
 * The ESM build's kind loader (src/pieces/bundled.ts): its import() of a kind folder named at run time becomes one
 * import() per src/triggers/<piece>/, static specifiers that this build and the site's bundler split into lazy chunks.
 */
const KIND_IMPORT = 'import(`../triggers/${piece}/piece.ts`)';
function kindImports() {
  const bundled = fileURLToPath(new URL('./src/pieces/bundled.ts', import.meta.url));
  const table = Object.entries(KIND_PIECES)
    .map(([name, path]) => `${JSON.stringify(name.slice('kind-'.length))}: () => import(${JSON.stringify(`../../${path}`)})`)
    .join(', ');
  return {
    name: 'kind-imports',
    transform(code, id) {
      if (id !== bundled) return null;
      if (!code.includes(KIND_IMPORT)) this.error(`${id} no longer has ${KIND_IMPORT}`);
      const lookup = `({ ${table} })[piece]?.() ?? Promise.reject(new Error(\`no trigger kind piece \${piece}\`))`;
      return { code: code.replace(KIND_IMPORT, lookup), map: null };
    },
  };
}

/** Removes the last build's ESM modules (dist/esm/): a module dropped from src/ must not linger there. */
const cleanModules = {
  name: 'clean-modules',
  buildStart: () => rmSync(fileURLToPath(new URL('./dist/esm', import.meta.url)), { recursive: true, force: true }),
};

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
  ...[...Object.keys(PIECES), ...Object.keys(KIND_PIECES)].map((name) => ({
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
  // ESM for bundlers: dist/tally.mjs and one module per source file (dist/esm/), so the site's bundler shakes what the
  // page does not use and splits each piece, loaded by import() (src/pieces/bundled.ts), into a lazy chunk: code a piece
  // shares with an export (compilePlan) goes with the piece, not the entry.
  {
    input: 'src/index.ts',
    output: {
      dir: 'dist',
      format: 'es',
      sourcemap: true,
      preserveModules: true,
      preserveModulesRoot: 'src',
      // A dependency's module (idb-keyval) by its path inside node_modules: a packed node_modules folder would be dropped.
      entryFileNames: (chunk) =>
        chunk.isEntry
          ? 'tally.mjs'
          : `esm/${chunk.name.includes('node_modules/') ? `vendor/${chunk.name.split('node_modules/').pop()}` : '[name]'}.mjs`,
    },
    plugins: [
      cleanModules,
      kindImports(),
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
    // nodeResolve: the crawler list (isbot) is bundled in, as in the bots piece.
    plugins: [nodeResolve(), typescript({ tsconfig: './tsconfig.json', declaration: true, declarationDir: 'dist/types', outDir: 'dist' })],
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
