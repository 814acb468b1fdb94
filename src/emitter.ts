// on / once / off / emit: a tiny event emitter in the style of mitt; a throwing handler is logged, never fatal.
import { logError } from './errors';

type Handler = (...args: unknown[]) => void;

/** The emitter behind `analytics.on('track', fn)`. */
export interface Emitter {
  on(name: string, handler: Handler): void;
  once(name: string, handler: Handler): void;
  off(name: string, handler?: Handler): void;
  emit(name: string, ...args: unknown[]): void;
}

/** Creates an emitter. */
export function createEmitter(): Emitter {
  const handlers = new Map<string, Handler[]>();
  const off = (name: string, handler?: Handler) => {
    const list = handlers.get(name);
    if (!list) return;
    if (!handler) handlers.delete(name);
    else handlers.set(name, list.filter((entry) => entry !== handler && (entry as { original?: Handler }).original !== handler));
  };
  return {
    on: (name, handler) => void handlers.set(name, [...(handlers.get(name) ?? []), handler]),
    once(name, handler) {
      const wrapper: Handler & { original?: Handler } = (...args) => {
        off(name, wrapper);
        handler(...args);
      };
      wrapper.original = handler;
      handlers.set(name, [...(handlers.get(name) ?? []), wrapper]);
    },
    off,
    emit(name, ...args) {
      const list = handlers.get(name);
      if (!list) return;
      for (const handler of list) {
        try {
          handler(...args);
        } catch (error) {
          logError(new Error(`an on('${name}') handler threw: ${error instanceof Error ? error.message : String(error)}`));
        }
      }
    },
  };
}
