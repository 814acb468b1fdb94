// @vitest-environment happy-dom
// A gate is one folder plus one line in the piece table: a made-up fail-closed gate, registered through the table alone.
import { describe, expect, it } from 'vitest';
import { loadBundledPiece } from '../../src/pieces/bundled';
import { PIECE_TABLE } from '../../src/pieces/table';
import { createRecordedInstance } from '../helpers/instance';
import type { AnyPieceRow, LoadPiece } from '../../src/pieces/contract';
import type { Gate } from '../../src/pipeline/gates';

/** The made-up piece's interface: one gate export, as src/<folder>/piece.ts would have. */
interface FakePiece {
  fakeGate(): Gate;
}

/** The table with one more line: a gate that fails closed and is filled at load. */
const TABLE = [
  ...PIECE_TABLE,
  {
    name: 'fake',
    neededBy: 'the made-up gate needs it; events are held back and not sent',
    gate: { create: (piece: FakePiece) => piece.fakeGate(), atLoad: () => true, closed: 'fake piece unavailable' },
  },
] as unknown as readonly AnyPieceRow[];

/** A fake piece that marks every event it lets through. */
const FAKE: FakePiece = {
  fakeGate: () => ({ name: 'fake', run: (event) => ({ event: { ...event, properties: { ...event.properties, faked: true } } }) }),
};

/** An instance over the made-up table; `fake` is loaded only when `arrives` resolves, and is missing when it rejects. */
function setup(arrives: Promise<FakePiece>) {
  const load = ((name: string) => (name === 'fake' ? arrives : loadBundledPiece(name as never))) as LoadPiece;
  return createRecordedInstance({}, 'KEY', { pieces: load, pieceTable: TABLE });
}

describe('a gate registered through the piece table alone', () => {
  it('holds events while its piece loads, then stops them when it is missing (fails closed), counted in stats()', async () => {
    let fail!: (reason: Error) => void;
    const { analytics, sent } = setup(
      new Promise((_, reject) => {
        fail = reject;
      }),
    );
    const tracked = analytics.track('Held');
    let settled = false;
    void tracked.then(() => {
      settled = true;
    });
    await Promise.resolve();
    expect(settled).toBe(false);
    fail(new Error('could not load /tally-fake.js'));
    expect((await tracked)?.stopped).toBe('fake: fake piece unavailable');
    await analytics.flush();
    expect(sent).toEqual([]);
    expect(analytics.stats()['Segment.io'].dropped).toMatchObject({ 'fake piece unavailable': 1 });
  });

  it('runs them through its gate once its piece loads', async () => {
    let arrive!: (piece: FakePiece) => void;
    const { analytics, sent } = setup(
      new Promise((resolve) => {
        arrive = resolve;
      }),
    );
    const tracked = analytics.track('Passed');
    arrive(FAKE);
    expect((await tracked)?.stopped).toBeUndefined();
    await analytics.flush();
    expect(sent.map((event) => [event.event, event.properties.faked])).toEqual([['Passed', true]]);
  });
});
