// on / once / off / emit: a tiny event emitter in the style of mitt; a throwing handler is logged, never fatal.
import { logError } from '../errors';

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
  const on = (name: string, handler: Handler) => void handlers.set(name, [...(handlers.get(name) ?? []), handler]);
  // A handler added with once() is removed by its own function too.
  const off = (name: string, handler?: Handler) =>
    void handlers.set(
      name,
      handler
        ? (handlers.get(name) ?? []).filter((entry) => entry !== handler && (entry as { original?: Handler }).original !== handler)
        : [],
    );
  return {
    on,
    once(name, handler) {
      const once = (...args: unknown[]) => {
        off(name, wrapper);
        handler(...args);
      };
      const wrapper = Object.assign(once, { original: handler });
      on(name, wrapper);
    },
    off,
    emit(name, ...args) {
      for (const handler of handlers.get(name) ?? []) {
        try {
          handler(...args);
        } catch (error) {
          logError(`an on('${name}') handler threw: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    },
  };
}
