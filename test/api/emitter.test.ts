import { describe, expect, it, vi } from 'vitest';
import { createEmitter } from '../../src/api/emitter';

describe('createEmitter', () => {
  it('on: every handler gets every emit with its arguments, in order of registration', () => {
    const emitter = createEmitter();
    const calls: unknown[][] = [];
    emitter.on('track', (...args) => calls.push(['first', ...args]));
    emitter.on('track', (...args) => calls.push(['second', ...args]));
    emitter.emit('track', 'Clicked', { a: 1 });
    emitter.emit('track', 'Viewed');
    expect(calls).toEqual([
      ['first', 'Clicked', { a: 1 }],
      ['second', 'Clicked', { a: 1 }],
      ['first', 'Viewed'],
      ['second', 'Viewed'],
    ]);
  });

  it('emits only to handlers of that name; emitting a name without handlers is a no-op', () => {
    const emitter = createEmitter();
    const page = vi.fn();
    emitter.on('page', page);
    emitter.emit('track', 'x');
    emitter.emit('nothing');
    expect(page).not.toHaveBeenCalled();
  });

  it('once: runs a handler for the next emit only', () => {
    const emitter = createEmitter();
    const handler = vi.fn();
    emitter.once('reset', handler);
    emitter.emit('reset', 1);
    emitter.emit('reset', 2);
    expect(handler.mock.calls).toEqual([[1]]);
  });

  it('off(name, handler) removes that handler, also when it was added with once', () => {
    const emitter = createEmitter();
    const kept = vi.fn();
    const removed = vi.fn();
    const onceRemoved = vi.fn();
    emitter.on('e', kept);
    emitter.on('e', removed);
    emitter.once('e', onceRemoved);
    emitter.off('e', removed);
    emitter.off('e', onceRemoved);
    emitter.emit('e');
    expect(kept).toHaveBeenCalledTimes(1);
    expect(removed).not.toHaveBeenCalled();
    expect(onceRemoved).not.toHaveBeenCalled();
  });

  it('off(name) removes every handler of that name', () => {
    const emitter = createEmitter();
    const a = vi.fn();
    const b = vi.fn();
    emitter.on('e', a);
    emitter.on('e', b);
    emitter.off('e');
    emitter.off('never-registered');
    emitter.emit('e');
    expect(a).not.toHaveBeenCalled();
    expect(b).not.toHaveBeenCalled();
  });

  it('a handler removed during an emit does not stop the others of that emit', () => {
    const emitter = createEmitter();
    const second = vi.fn();
    emitter.on('e', () => emitter.off('e', second));
    emitter.on('e', second);
    emitter.emit('e');
    expect(second).toHaveBeenCalledTimes(1);
    emitter.emit('e');
    expect(second).toHaveBeenCalledTimes(1);
  });

  it('a throwing handler is logged, not thrown, and the next handlers still run', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const emitter = createEmitter();
    const after = vi.fn();
    emitter.on('identify', () => {
      throw new Error('handler exploded in emitter test');
    });
    emitter.on('identify', after);
    expect(() => emitter.emit('identify', 'u1')).not.toThrow();
    expect(after).toHaveBeenCalledWith('u1');
    expect(error).toHaveBeenCalledWith('[tally]', "an on('identify') handler threw: handler exploded in emitter test");
  });

  it('logs a thrown non-Error value too', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const emitter = createEmitter();
    emitter.on('group', () => {
      throw 'emitter test string';
    });
    emitter.emit('group');
    expect(error).toHaveBeenCalledWith('[tally]', "an on('group') handler threw: emitter test string");
  });
});
