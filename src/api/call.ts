// The one path every tracking call takes: shuffle the arguments, apply the identity they imply, run the pipeline, then
// announce the event and call the callback as analytics.js does. Nothing thrown here reaches the page.
import { normalizeCall } from './arguments';
import { nonEmpty } from '../config/readers';
import { logError, safely } from '../errors';
import type { Identity } from '../identity/identity';
import type { Context } from '../pipeline/pipeline';
import type { Call, EventType } from '../event/types';
import type { Args } from './types';
import type { Emitter } from './emitter';
import type { DebugNote } from '../pieces/contract';

/**
 * Runs one tracking call; resolves to what it became, or undefined for a call tally could not read. `hold`: the events
 * are handed back, not queued, and the call is not announced (its callback, the emitter, debug notes): a draft.
 */
export type Caller = (type: EventType, args: Args, hold?: boolean) => Promise<Context | undefined>;

/** What a caller needs: the instance's emitter, the identity, the pipeline, and the debug notes. */
export interface CallerInputs {
  emitter: Emitter;
  identity: Identity;
  pipeline: (call: Call, hold?: boolean) => Context | Promise<Context>;
  noteForDebug: (name: DebugNote[0], note: DebugNote[1]) => void;
}

/** Creates the function every public tracking method calls. */
export function createCaller({ emitter, identity, pipeline, noteForDebug }: CallerInputs): Caller {
  /** Identity changes a call implies, before its event is built. */
  function remember(normalized: Call) {
    const { type, options } = normalized;
    const anonymousId = nonEmpty(options.anonymousId);
    if (anonymousId) identity.setAnonymousId(anonymousId);
    // normalizeCall gives identify its userId and group its groupId (each possibly null), and both their traits.
    if (type === 'identify') identity.identify(normalized.userId ?? null, normalized.traits ?? {});
    if (type === 'group') identity.group(normalized.groupId ?? null, normalized.traits ?? {});
  }

  /** After the gates: debug output, the event analytics.js emits for the call (same arguments), the call's callback. */
  function finish(normalized: Call, context: Context): Context {
    const { type, callback } = normalized;
    noteForDebug('tally:event', context);
    // As analytics-next, alias carries `from` as given (null when left out); the others carry the built event's fields.
    const source = (type === 'alias' ? normalized : context.event) as unknown as Record<string, unknown>;
    if (!context.stopped) emitter.emit(type, ...ANNOUNCED[type].map((key) => source[key] ?? null), normalized.options);
    if (callback) queueMicrotask(() => safely(() => callback(context)));
    return context;
  }

  return (type, args, hold) => {
    try {
      const normalized = normalizeCall(type, args, identity.current);
      remember(normalized);
      const built = pipeline(normalized, hold);
      const done = (context: Context) => (hold ? context : finish(normalized, context));
      return built instanceof Promise ? built.then(done) : Promise.resolve(done(built));
    } catch (error) {
      logError(error);
      emitter.emit('error', { code: 'invalid_call', reason: error });
      return Promise.resolve(undefined);
    }
  };
}

const PAGE_FIELDS = ['category', 'name', 'properties'];
/** What analytics.js's event for each call carries after the call's own name (and before its options). */
const ANNOUNCED: Record<EventType, string[]> = {
  track: ['event', 'properties'],
  page: PAGE_FIELDS,
  screen: PAGE_FIELDS,
  identify: ['userId', 'traits'],
  group: ['groupId', 'traits'],
  alias: ['userId', 'previousId'],
};
