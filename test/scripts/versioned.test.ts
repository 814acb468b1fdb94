// The build's versioned folder (scripts/versioned.mjs): the core and every piece, with their maps, copied together into
// dist/v/<version>/, so a CDN can cache the folder for good and an old core never loads new pieces.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeVersionedFolder } from '../../scripts/versioned.mjs';

let dist = '';
afterEach(() => rmSync(dist, { recursive: true, force: true }));

describe('writeVersionedFolder', () => {
  it('copies the script-tag core and its pieces (not the ESM build, types or edge) into v/<version>/', () => {
    dist = mkdtempSync(join(tmpdir(), 'tally-dist-'));
    const names = [
      'tally.min.js',
      'tally.min.js.map',
      'tally-rules.js',
      'tally-rules.js.map',
      'tally-debug.js',
      'tally.mjs',
      'tally.d.ts',
      'edge.mjs',
    ];
    for (const name of names) writeFileSync(join(dist, name), name);
    mkdirSync(join(dist, 'types'));
    const { folder, files } = writeVersionedFolder(dist, '1.2.3');
    expect(folder).toBe(join(dist, 'v', '1.2.3'));
    expect(files).toEqual(['tally-debug.js', 'tally-rules.js', 'tally-rules.js.map', 'tally.min.js', 'tally.min.js.map']);
    expect(readdirSync(folder).sort()).toEqual(files);
  });

  it('refuses a version that cannot name a folder, and a dist without the core', () => {
    dist = mkdtempSync(join(tmpdir(), 'tally-dist-'));
    expect(() => writeVersionedFolder(dist, '../x')).toThrow('cannot name a folder');
    expect(() => writeVersionedFolder(dist, '1.0.0')).toThrow('tally.min.js is missing');
  });
});
