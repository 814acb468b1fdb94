// npm run build's last step: copies the browser files (tally.min.js and every on-demand piece, with their source maps)
// into dist/v/<version>/, a folder a CDN can cache for a year. The core fetches its pieces from its own folder, so a page
// that loaded /v/0.1.0/tally.min.js always gets the 0.1.0 pieces: an old core never meets new pieces (docs/deploying.md).
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The files a page downloads: the script-tag core and its pieces (not the ESM build, the types or the edge). */
const BROWSER_FILE = /^tally(\.min|-[a-z]+)\.js(\.map)?$/;

/**
 * Copies dist's browser files into `<dist>/v/<version>/`; returns the folder and the names copied.
 * @example writeVersionedFolder('dist', '0.1.0') // { folder: 'dist/v/0.1.0', files: ['tally-consent.js', …, 'tally.min.js'] }
 */
export function writeVersionedFolder(dist, version) {
  if (!/^\w[\w.+-]*$/.test(version)) throw new Error(`version ${JSON.stringify(version)} cannot name a folder`);
  const folder = join(dist, 'v', version);
  mkdirSync(folder, { recursive: true });
  const files = readdirSync(dist)
    .filter((name) => BROWSER_FILE.test(name))
    .sort();
  if (!files.includes('tally.min.js')) throw new Error(`${dist}/tally.min.js is missing: run rollup -c first`);
  for (const name of files) copyFileSync(join(dist, name), join(folder, name));
  return { folder, files };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(fileURLToPath(import.meta.url), '../..');
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const { folder, files } = writeVersionedFolder(join(root, 'dist'), version);
  console.log(`${folder.slice(root.length + 1)}/: ${files.length} files (the core and its pieces, for a CDN; docs/deploying.md)`);
}
