// The package as users install it: `npm pack` holds the script-tag bundle, every piece, the ESM build and its types,
// tally/edge and the LICENSE; the tarball installs into a scratch project (offline: idb-keyval comes from npm's cache),
// imports and requires in Node, where load() is inert (server rendering), and type-checks under moduleResolution
// "bundler" and "nodenext" without @types/node, strictly (test/types/strict.ts: the mistakes it lists fail to compile).
// Needs the build (npm test builds first; the pack skips its prepack build).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const tsc = join(root, 'node_modules/typescript/bin/tsc');
const PIECES = ['plan', 'middleware', 'extras', 'debug', 'consent', 'rules', 'tracker', 'customerio'];
let scratch = '';
let tarball = '';

beforeAll(() => {
  if (!existsSync(join(root, 'dist/tally.min.js'))) throw new Error('dist/ is missing: run `npx rollup -c` (npm test builds first)');
  scratch = mkdtempSync(join(tmpdir(), 'tally-pack-'));
  const [packed] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', scratch], { cwd: root, encoding: 'utf8' }),
  );
  tarball = join(scratch, packed.filename);
  writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'site', private: true, type: 'module' }));
  execFileSync('npm', ['install', tarball, '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts'], { cwd: scratch });
}, 120_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

// Each test may run npm or tsc: vitest's 5 s default is too short on a busy machine.
describe('npm pack', { timeout: 60_000 }, () => {
  it('holds the script-tag bundle, every on-demand piece, the ESM build, tally/edge and one declaration file each', () => {
    const files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n');
    const expected = [
      'dist/tally.min.js',
      'dist/tally.mjs',
      'dist/tally.d.ts',
      'dist/edge.mjs',
      'dist/edge.d.ts',
      ...PIECES.map((name) => `dist/tally-${name}.js`),
      'LICENSE',
      // A trigger kind's piece, for the script tag and as the ESM build's lazy module.
      'dist/tally-kind-visible.js',
      'dist/esm/triggers/visible/piece.mjs',
    ];
    for (const file of expected) expect(files).toContain(`package/${file}`);
    // The build's intermediate declarations (relative imports without extensions) stay out.
    expect(files.filter((file) => file.startsWith('package/dist/types/'))).toEqual([]);
    // The versioned copies npm run build makes for a CDN are the same files again: not in the tarball.
    expect(files.filter((file) => file.startsWith('package/dist/v/'))).toEqual([]);
  });

  it('imports tally and tally/edge from the installed package', () => {
    const script = "Promise.all([import('tally'), import('tally/edge')]).then(([m, e]) => console.log(typeof m.load, typeof e.createEdge))";
    const out = execFileSync('node', ['--input-type=module', '-e', script], { cwd: scratch, encoding: 'utf8' });
    expect(out.trim()).toBe('function function');
  });

  it('requires tally and tally/edge from CommonJS (require(esm) of Node 20.19+, through the exports map)', () => {
    const script = "const m = require('tally'); const e = require('tally/edge'); console.log(typeof m.load, typeof e.createEdge)";
    const out = execFileSync('node', ['-e', script], { cwd: scratch, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(out.trim()).toBe('function function');
  });

  it('load() on the server resolves to an inert instance, with one warning and nothing thrown', () => {
    const script =
      "import('tally').then(async ({ load }) => { const a = await load('KEY'); const r = await a.track('Signed Up'); await a.flush(); console.log(String(r), JSON.stringify(a.stats())) })";
    const result = spawnSync('node', ['--input-type=module', '-e', script], { cwd: scratch, encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe('undefined {}');
    expect(result.stderr).toMatch(/tally runs in the browser/);
    expect(result.stderr).not.toMatch(/addEventListener/);
  });

  it.each([
    ['bundler', 'esnext'],
    ['nodenext', 'nodenext'],
  ])(
    'type-checks an importing file under moduleResolution %s',
    (moduleResolution, module) => {
      writeFileSync(
        join(scratch, 'app.ts'),
        "import { load, type Analytics, type Options } from 'tally';\n" +
          "const options: Options = { flushAt: 5, segment: { apiHost: 'https://collector.test/v1' } };\n" +
          "export const ready: Promise<Analytics> = load('KEY', options);\n",
      );
      // The strict-type test, against the package as installed: its @ts-expect-error lines must each be an error.
      const strict = readFileSync(join(root, 'test/types/strict.ts'), 'utf8').replace("'../../src/index'", "'tally'");
      writeFileSync(join(scratch, 'strict.ts'), strict);
      // A server file as a Workers or Deno site writes it: no @types/node in the project.
      writeFileSync(
        join(scratch, 'edge.ts'),
        "import { createEdge, type EdgeHandler } from 'tally/edge';\n" +
          "export const edge: EdgeHandler = createEdge({ segment: { writeKeys: ['KEY'] } });\n",
      );
      const config = {
        compilerOptions: { strict: true, noEmit: true, module, moduleResolution, target: 'es2020', lib: ['es2020', 'dom'], types: [] },
        files: ['app.ts', 'edge.ts', 'strict.ts'],
      };
      writeFileSync(join(scratch, 'tsconfig.json'), JSON.stringify(config));
      let output = '';
      try {
        execFileSync('node', [tsc, '-p', 'tsconfig.json'], { cwd: scratch, encoding: 'utf8' });
      } catch (error) {
        output = String((error as { stdout?: string }).stdout ?? error);
      }
      expect(output).toBe('');
      for (const file of ['tally.d.ts', 'edge.d.ts'])
        expect(readFileSync(join(scratch, 'node_modules/tally/dist', file), 'utf8')).not.toMatch(/from '(\.\/|node:)/);
    },
    60_000,
  );
});
