// The package as users install it: `npm pack` holds the script-tag bundle, every piece, the ESM build and its types, and
// tally/edge; the tarball installs into a scratch project (offline: idb-keyval comes from npm's cache), imports in Node,
// and type-checks under moduleResolution "bundler" and "nodenext" without @types/node. Needs the build (npm test builds
// first; the pack skips its prepack build).
import { execFileSync } from 'node:child_process';
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
      // A trigger kind's piece, for the script tag and as the ESM build's lazy module.
      'dist/tally-kind-visible.js',
      'dist/esm/triggers/visible/piece.mjs',
    ];
    for (const file of expected) expect(files).toContain(`package/${file}`);
    // The build's intermediate declarations (relative imports without extensions) stay out.
    expect(files.filter((file) => file.startsWith('package/dist/types/'))).toEqual([]);
  });

  it('imports tally and tally/edge from the installed package', () => {
    const script = "Promise.all([import('tally'), import('tally/edge')]).then(([m, e]) => console.log(typeof m.load, typeof e.createEdge))";
    const out = execFileSync('node', ['--input-type=module', '-e', script], { cwd: scratch, encoding: 'utf8' });
    expect(out.trim()).toBe('function function');
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
      // A server file as a Workers or Deno site writes it: no @types/node in the project.
      writeFileSync(
        join(scratch, 'edge.ts'),
        "import { createEdge, type EdgeHandler } from 'tally/edge';\n" +
          "export const edge: EdgeHandler = createEdge({ segment: { writeKeys: ['KEY'] } });\n",
      );
      const config = {
        compilerOptions: { strict: true, noEmit: true, module, moduleResolution, target: 'es2020', lib: ['es2020', 'dom'], types: [] },
        files: ['app.ts', 'edge.ts'],
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
