// The core's own state for one instance (Host), the test seams (AnalyticsDependencies), and the narrow view of it the
// pieces receive (createPieceContext): pieces never see or fill the Host.
import type { Config } from '../config/config';
import type { Emitter } from './emitter';
import type { Identity } from '../identity/identity';
import type { Route } from '../pipeline/route';
import type { IdentityStores } from '../consent/persistence';
import type { Transport } from '../delivery/transport';
import type { Gate } from '../pipeline/gates';
import type { DestinationEntry } from '../destinations/destination';
import type { DestinationMiddleware, SourceEntry } from '../middleware/types';
import type { AnyPieceRow, DebugNote, LoadPiece, PieceContext } from '../pieces/contract';
import type { Analytics } from './types';
import { ConfigError, logError } from '../errors';
import type { Session } from '../session/session';
import type { LoadKind } from '../triggers/trigger';

/** Seams for tests and for later pieces (gates, destinations, transports). */
export interface AnalyticsDependencies {
  identity?: Identity;
  transport?: Transport;
  /** Gates that run after the piece table's gates. */
  gates?: Gate[];
  /** Skips page lifecycle listeners (unit tests without a full DOM). */
  listen?: boolean;
  /** Where the on-demand pieces (src/pieces/table.ts) come from. */
  pieces?: LoadPiece;
  /** Where the trigger kinds' pieces (src/triggers/<piece>/) come from. */
  kinds?: LoadKind;
  /** The piece table (default: PIECE_TABLE): a test seam for a made-up piece or gate. */
  pieceTable?: readonly AnyPieceRow[];
  /** The destinations tally knows (default: the registry's DESTINATIONS). */
  destinations?: readonly DestinationEntry[];
}

/** The instance's state, kept by the core (src/api/); pieces see it through a PieceContext. */
export interface Host {
  /** Set once, right after the instance is made. */
  analytics: Analytics;
  readonly config: Config;
  readonly emitter: Emitter;
  readonly routes: Route[];
  /** The config problems found at load (the core's by code, a destination piece's in its words), for the debug panel. */
  readonly problems: ConfigError[];
  /** identity's store lists, when tally opened them: the consent piece adds or removes cookie + localStorage. */
  readonly stores?: IdentityStores;
  /** Whether the buffer may open storage (IndexedDB, localStorage): false until a grant when consent is required. */
  storing: boolean;
  debug: boolean;
  /** The debug notes (events, delivery results) made while the debug piece loads, in order; undefined once it has them. */
  earlier?: DebugNote[];
  /** How long trackLink / trackForm may hold navigation. */
  timeoutMs: number;
  /** The storage the event buffer fell back to, and why, for the debug piece's console output. */
  storageFallback?: { kind: string; error: unknown };
  readonly sources: SourceEntry[];
  /** Destination middleware by destination name. */
  readonly destinationMiddleware: Record<string, DestinationMiddleware[]>;
  /** The visitor's session; undefined with `session: false`. */
  session?: Session;
  /** Set while the bots piece decides on a suspect user agent: nothing may be stored, even on a grant (kept in `granted`). */
  botHold?: { granted: boolean };
}

/**
 * The view of `host` every piece receives; `usePlan` is the core's wiring of a rules document's plan into the plan gate,
 * `loadKind` the piece user's loader of trigger kinds, `trackLater` its deferred track (it needs the pipeline, made after
 * the context).
 */
export function createPieceContext(
  host: Host,
  usePlan: (plan: unknown) => void,
  loadKind: LoadKind,
  trackLater: PieceContext['trackLater'] = () => Promise.resolve([]),
): PieceContext {
  return {
    get analytics() {
      return host.analytics;
    },
    config: host.config,
    emitter: host.emitter,
    routes: host.routes,
    storage: {
      // While a suspect crawler is held, consent's grant is noted, and applied once the bots piece clears the visitor.
      get stores() {
        return host.botHold ? undefined : host.stores;
      },
      allowed: () => host.storing,
      allow: () => {
        if (host.botHold) host.botHold.granted = true;
        else host.storing = true;
      },
    },
    debug: {
      enabled: () => host.debug,
      take() {
        const kept = host.earlier ?? [];
        host.earlier = undefined;
        return kept;
      },
      storageFallback: () => host.storageFallback,
      problems: () => host.problems,
    },
    middleware: { sources: host.sources, destinations: host.destinationMiddleware },
    linkTimeoutMs: () => host.timeoutMs,
    usePlan,
    sessionId: () => host.session?.id(Date.now()),
    trackLater,
    loadKind,
  };
}

/**
 * Logs config problems once each, and keeps them for the debug panel (which hears of later ones as `tally:problems`). A
 * piece's problems are made again in the core's own class, so their codes are said with the core's messages piece (a
 * piece's file has its own copy of errors.ts, without the sentences).
 */
export function reportProblems(host: Host, found: readonly ConfigError[]): void {
  const errors = found.map((error) => {
    const { field, text, code, value, args } = error;
    return error instanceof ConfigError ? error : new ConfigError(field, text, code, value, args);
  });
  host.problems.push(...errors);
  errors.forEach(logError);
  if (errors.length) host.emitter.emit('tally:problems', errors);
}
