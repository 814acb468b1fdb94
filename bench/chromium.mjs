// Debian's Chromium with the e2e flags (read from e2e/drivers/engines.ts, the one place they are written), exact heap figures, and a
// host resolver that maps every host except loopback to nothing, so no request can leave the machine.
import { readFileSync } from 'node:fs';

const config = readFileSync(new URL('../e2e/drivers/engines.ts', import.meta.url), 'utf8');
const read = (name) => {
  const match = new RegExp(`export const ${name} = ([\\s\\S]+?);\\n`).exec(config);
  if (!match) throw new Error(`e2e/drivers/engines.ts no longer exports ${name}`);
  // Line comments out, single quotes to double: the array literal as JSON.
  return JSON.parse(
    match[1]
      .replace(/^\s*\/\/.*$/gm, '')
      .replace(/'/g, '"')
      .replace(/,\s*]/, ']'),
  );
};

/** Path of the Chromium binary the e2e tests use. */
export const CHROMIUM_PATH = read('CHROMIUM_PATH');
/** The e2e flags, exact performance.memory, and every non-loopback host resolving to nothing. */
export const CHROMIUM_ARGS = [
  ...read('CHROMIUM_ARGS'),
  '--enable-precise-memory-info',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
];
