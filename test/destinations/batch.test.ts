import { describe, expect, it } from 'vitest';
import { splitBatches, utf8Length, type Limits } from '../../src/destinations/batch';

const SEGMENT: Limits = { maxItemBytes: 32 * 1024, maxBatchBytes: 500 * 1024, maxBatchItems: 2500 };
interface Item {
  messageId: string;
  value: unknown;
}
let nextId = 0;
/** An item carrying `value`; serialize() gives the JSON of its value. */
const of = (value: unknown, messageId = `m${nextId++}`): Item => ({ messageId, value });
const serialize = (item: Item) => JSON.stringify(item.value);
/** An item whose JSON is exactly `bytes` bytes long (ASCII). */
const item = (bytes: number, messageId?: string) => of('x'.repeat(bytes - 2), messageId);
const ids = (items: Item[]) => items.map((entry) => entry.messageId);
const encoder = new TextEncoder();

describe('splitBatches', () => {
  it('keeps order and records the ids, the comma-joined JSON and the bytes with commas and envelope', () => {
    const items = [of('a'), of('bb'), of('ccc')];
    const { batches, rejected } = splitBatches(items, serialize, SEGMENT, 10);
    expect(rejected).toEqual([]);
    expect(batches).toEqual([{ messageIds: ids(items), json: '"a","bb","ccc"', bytes: 10 + '"a","bb","ccc"'.length }]);
  });

  it('returns no batch for no items', () => {
    expect(splitBatches([], serialize, SEGMENT, 10)).toEqual({ batches: [], rejected: [] });
  });

  it('accepts an item of exactly 32 KB and rejects one byte more, with its id and size in the reason', () => {
    const { batches, rejected } = splitBatches([item(32768), item(32769, 'big')], serialize, SEGMENT, 50);
    expect(batches.map((b) => b.bytes)).toEqual([50 + 32768]);
    expect(rejected).toEqual([{ messageId: 'big', reason: 'it is 32769 bytes, over the limit of 32768', key: 'over the size limit' }]);
  });

  it('measures items in UTF-8 bytes, not characters', () => {
    const accented = of('é'.repeat(16383), 'accented'); // 32,766 bytes + 2 quotes = 32,768
    const over = of('é'.repeat(16384), 'over');
    const { batches, rejected } = splitBatches([accented, over], serialize, SEGMENT, 50);
    expect(batches[0].messageIds).toEqual(['accented']);
    expect(rejected.map((r) => r.messageId)).toEqual(['over']);
  });

  it('fills a batch to exactly 500 KB including the envelope, and starts a new one a byte later', () => {
    const envelope = 50;
    // 15 items of 32,000 bytes, 15 commas, and a last item that brings the total to 512,000 bytes.
    const last = SEGMENT.maxBatchBytes - envelope - 15 * 32000 - 15;
    const fits = [...Array(15)].map(() => item(32000)).concat(item(last));
    const exact = splitBatches(fits, serialize, SEGMENT, envelope);
    expect(exact.batches).toHaveLength(1);
    expect(exact.batches[0].bytes).toBe(512000);
    expect(envelope + utf8Length(exact.batches[0].json)).toBe(512000);

    const spills = [...Array(15)].map(() => item(32000)).concat(item(last + 1));
    const split = splitBatches(spills, serialize, SEGMENT, envelope);
    expect(split.batches.map((b) => b.messageIds.length)).toEqual([15, 1]);
    expect(split.batches[1].bytes).toBe(envelope + last + 1);
    expect(split.batches[1].json).toBe(serialize(spills[15]));
    expect(split.rejected).toEqual([]);
  });

  it('puts at most 2,500 items in a batch', () => {
    const items = [...Array(5001)].map((_, i) => of(i, `n${i}`));
    const { batches } = splitBatches(items, serialize, SEGMENT, 50);
    expect(batches.map((b) => b.messageIds.length)).toEqual([2500, 2500, 1]);
    expect(batches[2]).toEqual({ messageIds: ['n5000'], json: '5000', bytes: 50 + 4 });
  });

  it('rejects an item that fits the item limit but not a batch with its envelope', () => {
    const limits = { maxItemBytes: 1000, maxBatchBytes: 100, maxBatchItems: 10 };
    const { batches, rejected } = splitBatches([item(90, 'a'), item(91, 'b'), item(5, 'c')], serialize, limits, 10);
    expect(batches.map((b) => b.messageIds)).toEqual([['a'], ['c']]);
    expect(rejected.map((r) => r.messageId)).toEqual(['b']);
  });

  it('rejects items that cannot be serialised and goes on with the rest', () => {
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    const big = { n: BigInt(1) };
    const { batches, rejected } = splitBatches(
      [of({ ok: 1 }, 'ok1'), of(cyclic, 'cyclic'), of(big, 'big'), of({ ok: 2 }, 'ok2')],
      serialize,
      SEGMENT,
      10,
    );
    expect(batches[0]).toMatchObject({ messageIds: ['ok1', 'ok2'], json: '{"ok":1},{"ok":2}' });
    expect(rejected.map((r) => r.messageId)).toEqual(['cyclic', 'big']);
    for (const { reason } of rejected) expect(reason).toMatch(/^it cannot be sent \(.+\)$/s);
  });

  it('reports a serialiser that throws a non-Error', () => {
    const { rejected } = splitBatches(
      [of(1, 'one')],
      () => {
        throw 'nope';
      },
      SEGMENT,
      10,
    );
    expect(rejected).toEqual([{ messageId: 'one', reason: 'it cannot be sent (nope)' }]);
  });
});

describe('utf8Length', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['é', 2], // U+00E9
    ['߿', 2], // U+07FF, last 2-byte code point
    ['ࠀ', 3], // U+0800, first 3-byte code point
    ['€', 3],
    ['中文', 6],
    ['\uffff', 3],
    ['😀', 4], // surrogate pair
    ['a😀b👍🏽c', 1 + 4 + 1 + 4 + 4 + 1],
  ])('utf8Length(%j) is %i, as TextEncoder says', (text, bytes) => {
    expect(utf8Length(text)).toBe(bytes);
    expect(encoder.encode(text).length).toBe(bytes);
  });

  it('agrees with TextEncoder on the JSON of random strings (lone surrogates included)', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let n = 0; n < 300; n++) {
      let text = '';
      for (let i = 0; i < 40; i++) {
        const pick = random();
        if (pick < 0.3) text += String.fromCharCode(32 + Math.floor(random() * 95));
        else if (pick < 0.5) text += String.fromCharCode(0x80 + Math.floor(random() * 0x780));
        else if (pick < 0.7) text += String.fromCharCode(0x800 + Math.floor(random() * 0xd000));
        else if (pick < 0.9) text += String.fromCodePoint(0x10000 + Math.floor(random() * 0xfffff));
        else text += String.fromCharCode(0xd800 + Math.floor(random() * 0x800)); // a lone surrogate
      }
      const json = JSON.stringify(text); // well-formed JSON.stringify escapes lone surrogates
      expect(utf8Length(json)).toBe(encoder.encode(json).length);
    }
  });
});
