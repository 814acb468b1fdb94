import { describe, expect, it } from 'vitest';
import { createRuntimes } from '../../src/triggers/runtimes';
import type { Definition } from '../../src/rules/types';

describe('createRuntimes', () => {
  it('loads no piece for a definition without a trigger (it only gates app-code events), one for a kind not bundled', () => {
    const asked: string[] = [];
    const runtimes = createRuntimes((piece) => {
      asked.push(piece);
      return Promise.reject(new Error('not here'));
    });
    const gateOnly = { name: 'Order Completed' } as Definition;
    const click = { name: 'Buy', on: 'click' } as Definition;
    const timer = { name: 'Stayed', on: 'timer', runtime: 'timer' } as Definition;
    runtimes.need([gateOnly, click, timer], [], () => {});
    expect(asked).toEqual(['timer']);
  });
});
