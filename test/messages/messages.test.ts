// @vitest-environment happy-dom
// Messages on demand: the core says a problem by code, field and value; the messages piece, fetched only when there is
// something to say, turns it into the sentence. Without the piece the console still gets the code and its docs anchor.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAnalytics } from '../../src/api/analytics';
import { fetchCatalogWith, useCatalog } from '../../src/errors';
import { MESSAGES } from '../../src/messages/catalog';
import { loadBundledPiece } from '../../src/pieces/bundled';
import type { LoadPiece } from '../../src/pieces/contract';
import { createRecordingTransport } from '../helpers/transport';

/** A piece loader that counts what it was asked for; `messages` fails when `messagesMissing`. */
function countingLoader(messagesMissing = false) {
  const asked: string[] = [];
  const load = ((name) => {
    asked.push(name);
    return messagesMissing && name === 'messages' ? Promise.reject(new Error('could not load tally-messages.js')) : loadBundledPiece(name);
  }) as LoadPiece;
  return { asked, load };
}

const start = (options: Record<string, unknown>, load: LoadPiece) =>
  createAnalytics('WK', options, { transport: createRecordingTransport(() => ({ status: 200 })), listen: false, pieces: load });

/** Every console.error line, once the messages piece had its chance. */
async function errorLines(spy: ReturnType<typeof vi.spyOn>) {
  await vi.waitFor(() => expect(spy).toHaveBeenCalled());
  await new Promise((resolve) => setTimeout(resolve, 0));
  return spy.mock.calls.map((call: unknown[]) => call.slice(1).join(' '));
}

describe('messages on demand', () => {
  beforeEach(() => useCatalog(undefined));
  afterEach(() => {
    fetchCatalogWith(undefined);
    useCatalog(MESSAGES);
  });

  it('a page without problems never fetches the messages piece', async () => {
    const { asked, load } = countingLoader();
    await start({ flushAt: 20 }, load).flush();
    expect(asked).not.toContain('messages');
  });

  it('a problem fetches the piece once and is said in full, with what it costs', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { asked, load } = countingLoader();
    start({ flushAt: '20', customerIO: { siteId: 'S' } }, load);
    expect(await errorLines(error)).toEqual([
      'flushAt: expected an integer 1-2500, got "20"; using 20',
      'customerIO: unknown field (did you mean customerio?); Customer.io is off',
    ]);
    expect(asked.filter((name) => name === 'messages')).toEqual(['messages']);
  });

  it('without the piece, each problem is one line: code, field, value and the docs anchor', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { load } = countingLoader(true);
    start({ flushAt: '20' }, load);
    const lines = await errorLines(error);
    expect(lines).toContain('T102 flushAt = "20" (see docs/troubleshooting.md#t102)');
  });
});

/** Every file under `dir`. */
const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? filesUnder(join(dir, name)) : [join(dir, name)]));

describe('docs/troubleshooting.md', () => {
  const page = readFileSync('docs/troubleshooting.md', 'utf8');
  const onPage = new Set([...page.matchAll(/^#{2,4} (T\d{3})\b/gm)].map((match) => match[1]));
  const inCode = new Set(
    filesUnder('src').flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/['"](T\d{3})['"]|\b(T\d{3}):/g)].map((m) => m[1] ?? m[2])),
  );

  it('explains every code the code reports, and lists no code the code does not have', () => {
    expect(inCode.size).toBeGreaterThan(10);
    expect([...inCode].filter((code) => !onPage.has(code))).toEqual([]);
    expect([...onPage].filter((code) => !inCode.has(code))).toEqual([]);
  });

  it('every code has its sentence in the messages piece', () => {
    expect([...inCode].filter((code) => !MESSAGES[code])).toEqual([]);
  });
});
