import { describe, expect, it } from 'vitest';
import { createMemoryQueue } from '../../src/delivery/queue';
import type { TallyEvent } from '../../src/event/types';
import { trackEvent } from '../helpers/events';

const event = (messageId: string): TallyEvent => trackEvent({ messageId });
const ids = (items: Array<{ event: TallyEvent }>) => items.map((item) => item.event.messageId);

describe('createMemoryQueue', () => {
  it('hands out items oldest first, up to max, as fresh items', async () => {
    const queue = createMemoryQueue();
    ['a', 'b', 'c'].forEach((id) => queue.push(event(id)));
    const taken = await queue.take(2, 0);
    expect(ids(taken)).toEqual(['a', 'b']);
    expect(taken[0]).toEqual({ event: event('a'), attempts: 0, notBefore: 0 });
  });

  it('does not hand out a leased item again until it is released', async () => {
    const queue = createMemoryQueue();
    ['a', 'b', 'c'].forEach((id) => queue.push(event(id)));
    await queue.take(2, 0);
    expect(ids(await queue.take(10, 0))).toEqual(['c']);
    expect(await queue.take(10, 0)).toEqual([]);
    expect(ids(queue.leased())).toEqual(['a', 'b', 'c']);
    expect(queue.size()).toBe(3);
  });

  it('ack forgets items for good', async () => {
    const queue = createMemoryQueue();
    ['a', 'b'].forEach((id) => queue.push(event(id)));
    await queue.take(10, 0);
    await queue.ack(['a']);
    expect(queue.size()).toBe(1);
    expect(ids(queue.leased())).toEqual(['b']);
    await queue.release(['b'], 0, false);
    expect(ids(await queue.take(10, 0))).toEqual(['b']);
  });

  it('release with failed counts an attempt and holds the item until notBefore', async () => {
    const queue = createMemoryQueue();
    queue.push(event('a'));
    await queue.take(1, 0);
    await queue.release(['a'], 1000, true);
    expect(queue.leased()).toEqual([]);
    expect(await queue.take(1, 999)).toEqual([]);
    const [item] = await queue.take(1, 1000);
    expect(item).toMatchObject({ attempts: 1, notBefore: 1000 });
    await queue.release(['a'], 3000, true);
    expect((await queue.take(1, 3000))[0].attempts).toBe(2);
  });

  it('release without failed keeps the attempt count (a backed-off batch that was never sent)', async () => {
    const queue = createMemoryQueue();
    queue.push(event('a'));
    await queue.take(1, 0);
    await queue.release(['a'], 500, false);
    expect((await queue.take(1, 500))[0]).toMatchObject({ attempts: 0, notBefore: 500 });
  });

  it('skips items not ready yet and keeps the order of the rest', async () => {
    const queue = createMemoryQueue();
    ['a', 'b', 'c'].forEach((id) => queue.push(event(id)));
    await queue.take(1, 0);
    await queue.release(['a'], 5000, true);
    expect(ids(await queue.take(10, 100))).toEqual(['b', 'c']);
  });

  it('nextReadyAt is the earliest notBefore of unleased items, Infinity when none waits', async () => {
    const queue = createMemoryQueue();
    expect(queue.nextReadyAt()).toBe(Infinity);
    ['a', 'b'].forEach((id) => queue.push(event(id)));
    expect(queue.nextReadyAt()).toBe(0);
    await queue.take(10, 0);
    expect(queue.nextReadyAt()).toBe(Infinity);
    await queue.release(['b'], 7000, true);
    await queue.release(['a'], 4000, true);
    expect(queue.nextReadyAt()).toBe(4000);
  });

  it('pushes a duplicate messageId once, keeping the first', async () => {
    const queue = createMemoryQueue();
    const first = event('a');
    queue.push(first);
    queue.push({ ...event('a'), event: 'Other' });
    expect(queue.size()).toBe(1);
    expect((await queue.take(10, 0))[0].event).toBe(first);
  });

  it('ignores ack and release of unknown ids', async () => {
    const queue = createMemoryQueue();
    queue.push(event('a'));
    await queue.ack(['zzz']);
    await queue.release(['zzz'], 100, true);
    expect(queue.size()).toBe(1);
    expect(queue.nextReadyAt()).toBe(0);
  });
});
