// The piece contract, owned by the core (types only): what an on-demand piece receives (PieceContext), what each piece
// exports (one interface per piece), and the shape of the piece table (src/pieces/table.ts). A piece imports this file,
// never src/api/, and ends with `satisfies` its interface; the core wires what one piece returns into the next.
import type { Analytics } from '../api/types';
import type { Config } from '../config/config';
import type { ConsentStart } from '../consent/start';
import type { IdentityStores } from '../consent/persistence';
import type { Emitter } from '../api/emitter';
import type { Route } from '../pipeline/route';
import type { Gate } from '../pipeline/gates';
import type { Context } from '../pipeline/pipeline';
import type { DeliveryNote } from '../debug/overlay';
import type { RuleSet } from '../rules/rule-set';
import type { EarlyEvent } from '../tracker/early-events';
import type { DestinationMiddleware, SourceEntry } from '../middleware/types';
import type { Catalog, ConfigError } from '../errors';
import type { CustomerioPiece } from '../destinations/customerio/config';
import type { Deferred } from '../delivery/transport';
import type { JsonObject } from '../event/types';
import type { LoadKind } from '../triggers/trigger';

/** What the instance notes for debug output: each event as built, each request's answer. */
export type DebugNote = ['tally:event', Context] | ['tally:delivery', DeliveryNote];

/** Whether the buffer and identity may use storage (cookies, localStorage, IndexedDB): consent opens it. */
export interface StoragePermission {
  /** identity's store lists, when tally opened them: the consent piece adds or removes cookie + localStorage. */
  readonly stores?: IdentityStores;
  allowed(): boolean;
  /** From the first grant on: the buffer may open storage. */
  allow(): void;
}

/** The notes the core keeps for the debug piece. */
export interface DebugNotes {
  /** Whether debug output is on now. */
  enabled(): boolean;
  /** The notes made while the debug piece loaded, in order; the core keeps no more once they are taken. */
  take(): DebugNote[];
  /** The storage the event buffer fell back to, and why. */
  storageFallback(): { kind: string; error: unknown } | undefined;
  /** The config problems found at load (unknown fields, a refused key that turned a destination off), in order. */
  problems(): readonly ConfigError[];
}

/** The middleware lists the core keeps (analytics.addSourceMiddleware and friends); the middleware piece runs them. */
export interface MiddlewareLists {
  readonly sources: readonly SourceEntry[];
  /** Destination middleware by destination name. */
  readonly destinations: Readonly<Record<string, readonly DestinationMiddleware[]>>;
}

/** What every piece receives: a narrow, read-only view of the instance, never its internals. */
export interface PieceContext {
  readonly config: Config;
  readonly emitter: Emitter;
  /** The public instance: rule events, the ajs_ query string and trackLink go through it like any other call. */
  readonly analytics: Analytics;
  /** The routes (a destination, its buffer and dispatcher); the middleware piece puts destination middleware in front of each dispatcher. */
  readonly routes: readonly Route[];
  readonly storage: StoragePermission;
  readonly debug: DebugNotes;
  readonly middleware: MiddlewareLists;
  /** How long trackLink / trackForm may hold navigation (analytics.timeout()). */
  linkTimeoutMs(): number;
  /** A rules document's plan (undefined: the document dropped its plan): the core fills the plan gate and puts it in force. */
  usePlan(plan: unknown): void;
  /** The current session's id (its start time, ms), renewed if it timed out; undefined with `session: false`. */
  sessionId(): number | undefined;
  /**
   * `track(event, properties, { messageId })` through the gates and routes like any call, but handed to the browser to
   * send once the page is gone (fetchLater) instead of queued: one Deferred per destination; none where the engine has no
   * fetchLater, or a gate stops the event.
   */
  trackLater(event: string, properties: JsonObject, messageId: string): Promise<Deferred[]>;
  /** Gets a trigger kind's piece (src/triggers/<piece>/); one that cannot be loaded is reported once, like any piece. */
  readonly loadKind: LoadKind;
}

/** The definitions in force and what was wrong reading them: the rules piece's answer, which the core hands on. */
export interface RulesRead {
  readonly rules: RuleSet;
  /** Each problem found reading the definitions (errors and warnings), for the debug preview. */
  readonly problems: readonly string[];
  /** The trigger kinds' pieces the load options need without any rule (`dataLayer`: the data layer's, for GA4 ecommerce). */
  readonly optionPieces: readonly string[];
}

/** The events gate with the rules it applies; on a first visit, `ready` settles once the rules document is known (or given up on). */
export interface RulesGate extends Gate, RulesRead {
  readonly ready?: Promise<void>;
}

/** The plan gate; `replace` puts another plan in force from the next event on. */
export interface PlanGate extends Gate {
  replace(plan: unknown): void;
}

/** The bots gate, with its verdict on this page's visitor: why it is a crawler (the matched text), undefined if not. */
export interface BotsGate extends Gate {
  readonly reason?: string;
}

/** src/bots/piece.ts: isbot's crawler list, loaded for a user agent the core could not rule out. */
export interface BotsPiece {
  botsGate(context: PieceContext): BotsGate;
}

/** src/rules/piece.ts: reads `events` and the `rulesUrl` document into the definitions in force. */
export interface RulesPiece {
  eventsGate(context: PieceContext): RulesGate;
}

/** src/plan/piece.ts: the tracking plan. */
export interface PlanPiece {
  planGate(context: PieceContext): PlanGate;
}

/** src/consent/piece.ts: the consent state machine. */
export interface ConsentPiece {
  consentGate(context: PieceContext): Gate;
  /** analytics.consent(choice). */
  choose(context: PieceContext, input: unknown): void;
}

/** src/middleware/piece.ts: source and destination middleware, plugins, redaction. */
export interface MiddlewarePiece {
  middlewareGate(context: PieceContext): Gate;
}

/** src/extras/piece.ts: the ajs_ query string, trackLink, trackForm, cross-domain links. */
export interface ExtrasPiece {
  queryString(context: PieceContext, search: string): void;
  /** `crossDomain`: decorates clicked links to its domains with the anonymousId. */
  crossDomainLinks(context: PieceContext): void;
  trackLink(context: PieceContext, ...args: unknown[]): void;
  trackForm(context: PieceContext, ...args: unknown[]): void;
}

/** src/debug/piece.ts: console output, the rules preview and the overlay; `rules` reads what the rules piece answered, once it has. */
export interface DebugPiece {
  logDebugOutput(context: PieceContext, rules: () => RulesRead | undefined): void;
  showDebug(context: PieceContext, rules: () => RulesRead | undefined): void;
}

/** src/tracker/piece.ts: the no-code DOM listeners, and `pageviews: 'history'`. */
export interface TrackerPiece {
  startPageviews(context: PieceContext): void;
  /**
   * Starts the listeners for `rules`, after the clicks and submits recorded while the piece loaded (`early`), loading
   * the kinds' pieces the rules and `optionPieces` (the rules piece's answer) need.
   */
  startTracker(context: PieceContext, rules: RuleSet, early: EarlyEvent[], optionPieces: readonly string[]): void;
}

/** src/pageleave/piece.ts: one Page Left event per page view (`pageLeave: true`). */
export interface PageleavePiece {
  startPageLeave(context: PieceContext): void;
}

/** src/picker/piece.ts: the point-and-click rule builder. */
export interface PickerPiece {
  startPicker(context: PieceContext): void;
}

/** src/messages/piece.ts: the sentences of the core's problem codes (docs/troubleshooting.md). */
export interface MessagesPiece {
  catalog: Catalog;
}

/** Every on-demand piece by name (its folder's name: src/<…>/<name>/piece.ts, dist/tally-<name>.js) and what it exports. */
export interface Pieces {
  bots: BotsPiece;
  rules: RulesPiece;
  consent: ConsentPiece;
  plan: PlanPiece;
  middleware: MiddlewarePiece;
  extras: ExtrasPiece;
  debug: DebugPiece;
  tracker: TrackerPiece;
  customerio: CustomerioPiece;
  picker: PickerPiece;
  messages: MessagesPiece;
  pageleave: PageleavePiece;
}

/** A piece's name. */
export type PieceName = keyof Pieces;

/** The name a trigger kind's piece has in the loader's registry and in dist/ (tally-kind-<piece>.js). */
export type KindPieceName = `kind-${string}`;

/** Gets a piece: from its own file for the script tag, from the bundle for ESM. */
export type LoadPiece = <K extends PieceName>(name: K) => Promise<Pieces[K]>;

/** A gate whose code is a piece: how the core makes it from the piece, when it fills it at load, and whether it fails closed. */
export interface GateRow<P, G extends Gate = Gate> {
  /** The piece's gate export, called once the piece is here. */
  create(piece: P, context: PieceContext): G | Promise<G>;
  /** Whether the options (or the consent start) ask for the gate at load; otherwise a call fills it (analytics.consent(), …). */
  atLoad?(config: Config, consent: ConsentStart): boolean;
  /**
   * Without its piece the gate stops events with this reason (it may exist to keep data out: consent, middleware), counted
   * in stats() as "<name> piece unavailable"; without one it fails open (events pass unchecked: losing data is worse).
   */
  closed?: string;
}

/** The gates whose pieces answer more than a Gate, and the core uses it (rules → tracker, debug; plan ← rules). */
interface GateTypes {
  bots: BotsGate;
  rules: RulesGate;
  plan: PlanGate;
}

/** What a piece's gate is: a plain Gate unless GateTypes says more. */
export type GateType<K extends string> = K extends keyof GateTypes ? GateTypes[K] : Gate;

/** One line of the piece table. */
export interface PieceRow<K extends string = PieceName, P = K extends PieceName ? Pieces[K] : unknown> {
  readonly name: K;
  /** The second half of the console error when it cannot be loaded: which option or call needs it, and what the page loses. */
  readonly neededBy: string;
  readonly gate?: GateRow<P, GateType<K>>;
}

/** Any line of the piece table, its name and its piece's interface kept together. */
export type AnyPieceRow = { [K in PieceName]: PieceRow<K> }[PieceName];
