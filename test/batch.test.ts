import { describe, expect, it } from 'vitest';
import { splitBatches, utf8Length, type Limits } from '../src/batch';

const SEGMENT: Limits = { maxItemBytes: 32 * 1024, maxBatchBytes: 500 * 1024, maxBatchItems: 2500 };
/** A string whose JSON is exactly `bytes` bytes long (ASCII). */
const item = (bytes: number) => 'x'.repeat(bytes - 2);
const encoder = new TextEncoder();

describe('splitBatches', () => {
  it('keeps order and records each item’s JSON and the bytes with commas', () => {
    const items = ['a', 'bb', 'ccc'];
    const { batches, rejected } = splitBatches(items, JSON.stringify, SEGMENT, 10);
    expect(rejected).toEqual([]);
    expect(batches).toHaveLength(1);
    expect(batches[0].items).toEqual(items);
    expect(batches[0].parts).toEqual(['"a"', '"bb"', '"ccc"']);
    expect(batches[0].bytes).toBe('"a","bb","ccc"'.length);
  });

  it('returns no batch for no items', () => {
    expect(splitBatches([], JSON.stringify, SEGMENT, 10)).toEqual({ batches: [], rejected: [] });
  });

  it('accepts an item of exactly 32 KB and rejects one byte more, with its size in the reason', () => {
    const { batches, rejected } = splitBatches([item(32768), item(32769)], JSON.stringify, SEGMENT, 50);
    expect(batches.map((b) => b.bytes)).toEqual([32768]);
    expect(rejected).toHaveLength(1);
    expect(rejected[0].item).toBe(item(32769));
    expect(rejected[0].reason).toBe('it is 32769 bytes, over the limit of 32768');
  });

  it('measures items in UTF-8 bytes, not characters', () => {
    const accented = 'é'.repeat(16383); // 32,766 bytes + 2 quotes = 32,768
    const over = 'é'.repeat(16384);
    const { batches, rejected } = splitBatches([accented, over], JSON.stringify, SEGMENT, 50);
    expect(batches[0].items).toEqual([accented]);
    expect(rejected.map((r) => r.item)).toEqual([over]);
  });

  it('fills a batch to exactly 500 KB including the envelope, and starts a new one a byte later', () => {
    const envelope = 50;
    // 15 items of 32,000 bytes, 15 commas, and a last item that brings the total to 512,000 bytes.
    const last = SEGMENT.maxBatchBytes - envelope - 15 * 32000 - 15;
    const fits = [...Array(15)].map(() => item(32000)).concat(item(last));
    const exact = splitBatches(fits, JSON.stringify, SEGMENT, envelope);
    expect(exact.batches).toHaveLength(1);
    expect(envelope + exact.batches[0].bytes).toBe(512000);

    const spills = [...Array(15)].map(() => item(32000)).concat(item(last + 1));
    const split = splitBatches(spills, JSON.stringify, SEGMENT, envelope);
    expect(split.batches.map((b) => b.items.length)).toEqual([15, 1]);
    expect(split.batches[1].bytes).toBe(last + 1);
    expect(split.rejected).toEqual([]);
  });

  it('puts at most 2,500 items in a batch', () => {
    const items = [...Array(5001)].map((_, i) => i);
    const { batches } = splitBatches(items, JSON.stringify, SEGMENT, 50);
    expect(batches.map((b) => b.items.length)).toEqual([2500, 2500, 1]);
    expect(batches[2].items).toEqual([5000]);
  });

  it('rejects an item that fits the item limit but not a batch with its envelope', () => {
    const limits = { maxItemBytes: 1000, maxBatchBytes: 100, maxBatchItems: 10 };
    const { batches, rejected } = splitBatches([item(90), item(91), item(5)], JSON.stringify, limits, 10);
    expect(batches.map((b) => b.items)).toEqual([[item(90)], [item(5)]]);
    expect(rejected.map((r) => r.item)).toEqual([item(91)]);
  });

  it('rejects items that cannot be serialised and goes on with the rest', () => {
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    const big = { n: BigInt(1) };
    const { batches, rejected } = splitBatches<unknown>([{ ok: 1 }, cyclic, big, { ok: 2 }], JSON.stringify, SEGMENT, 10);
    expect(batches[0].items).toEqual([{ ok: 1 }, { ok: 2 }]);
    expect(rejected.map((r) => r.item)).toEqual([cyclic, big]);
    for (const { reason } of rejected) expect(reason).toMatch(/^it cannot be sent \(.+\)$/s);
  });

  it('reports a serialiser that throws a non-Error', () => {
    const { rejected } = splitBatches([1], () => {
      throw 'nope';
    }, SEGMENT, 10);
    expect(rejected[0].reason).toBe('it cannot be sent (nope)');
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
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let n = 0; n < 300; n++) {
      let text = '';
      for (let i = 0; i < 40; i++) {
        const pick = random();
        text += pick < 0.3 ? String.fromCharCode(32 + Math.floor(random() * 95))
          : pick < 0.5 ? String.fromCharCode(0x80 + Math.floor(random() * 0x780))
          : pick < 0.7 ? String.fromCharCode(0x800 + Math.floor(random() * 0xd000))
          : pick < 0.9 ? String.fromCodePoint(0x10000 + Math.floor(random() * 0xfffff))
          : String.fromCharCode(0xd800 + Math.floor(random() * 0x800)); // a lone surrogate
      }
      const json = JSON.stringify(text); // well-formed JSON.stringify escapes lone surrogates
      expect(utf8Length(json)).toBe(encoder.encode(json).length);
    }
  });
});
