// Every console line tally can print is on docs/troubleshooting.md, and every line the page documents is still printed by
// the code. The page writes each message as a table row whose first cell is the message in backticks, with `<name>`
// where the code puts a value; the test extracts the messages from src/ (extract-messages.ts).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HOLE, codeMessages, type CodeMessage } from './extract-messages';

/** The messages the page documents: the first cell of each table row, when it is code (`` `…` `` or ``` `` … `` ```). */
const pageEntries = (page: string): string[] =>
  [...page.matchAll(/^\| (?:`` (.+?) ``|`([^`]+)`) \|/gm)].map((match) => (match[1] ?? match[2]).replaceAll('\\|', '|'));

/** The longest run of literal text in a message: what a reader of the page can search for. */
const longestRun = (text: string): string =>
  text
    .split(HOLE)
    .map((run) => run.trim())
    .reduce((longest, run) => (run.length > longest.length ? run : longest), '');

/** A page entry as the code would print it: each `<name>` stands for a value, as HOLE does in the code's messages. */
const asPattern = (entry: string): string => entry.replace(/<[^<>\s]*[^<>]*?>/g, HOLE).replaceAll('\\n', '\n');

/** Whether a code message (HOLE for each value) reads as the page's entry (HOLE for each `<name>`). */
function sameMessage(code: string, entry: string): boolean {
  const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const regex = new RegExp(`^${asPattern(code).split(HOLE).map(literal).join('.*')}$`, 's');
  return regex.test(entry);
}

describe('docs/troubleshooting.md lists every message in the code', () => {
  const page = readFileSync('docs/troubleshooting.md', 'utf8');
  const entries = pageEntries(page).map(asPattern);
  const messages = codeMessages();
  const where = (message: CodeMessage) => `${message.file}:${message.line}  ${message.text.replaceAll(HOLE, '<…>')}`;

  it('finds the messages and the entries (the extractor and the page format still work)', () => {
    expect(messages.length).toBeGreaterThan(80);
    expect(entries.length).toBeGreaterThan(80);
  });

  it('code → page: every message the code prints has an entry', () => {
    const missing = messages.filter((message) => !entries.some((entry) => sameMessage(message.text, entry)));
    expect(missing.map(where), 'add a row "| `message` | meaning | cost | fix |" to docs/troubleshooting.md').toEqual([]);
  });

  it('code → page: each message can be found on the page by its longest literal run', () => {
    const unsearchable = messages.filter((message) => !page.includes(longestRun(message.text)));
    expect(unsearchable.map(where)).toEqual([]);
  });

  it('page → code: every entry on the page is a message the code still prints', () => {
    const stale = entries.filter((entry) => !messages.some((message) => sameMessage(message.text, entry)));
    expect(
      stale.map((entry) => entry.replaceAll(HOLE, '<…>')),
      'remove or correct these rows of docs/troubleshooting.md',
    ).toEqual([]);
  });
});
