// The public instance: wires config, identity, the routes, the pieces and the pipeline, then builds the facade over them.
// Every public method catches at its boundary: nothing throws into the page.
import { readConfig, type Options } from '../config/config';
import { createProblems } from '../config/readers';
import { createEmitter } from './emitter';
import { readDeviceContext, readPage } from '../event/environment';
import { createIdentity, type Identity } from '../identity/identity';
import { listenForHide, listenForOnline } from '../delivery/lifecycle';
import { createPipeline } from '../pipeline/pipeline';
import { ulid } from '../event/ids';
import { LIBRARY } from '../event/build';
import { startConsent, type ConsentStart } from '../consent/start';
import { noPieces } from '../pieces/loader';
import { createPieceUser, type PieceUser } from '../pieces/use';
import { createPieceGates } from '../pieces/gates';
import { PIECE_TABLE } from '../pieces/table';
import { createMemoryStore, openIdentityStores } from '../identity/stores';
import { createFetchTransport, type TransportOptions } from '../delivery/transport';
import { DESTINATIONS } from '../destinations/registry';
import { addRoutes } from './routes';
import { createCaller, type Caller } from './call';
import { fetchCatalogWith, safely } from '../errors';
import { createFacade } from './facade';
import { createPieceContext, reportProblems, type AnalyticsDependencies, type Host } from './host';
import { recordEarlyEvents } from '../tracker/early-events';
import { createRuleSet } from '../rules/rule-set';
import { decideBots, holdForBots } from '../bots/hold';
import { openSession } from '../session/storage';
import type { Session } from '../session/session';
import { stampSession } from '../session/stamp';
import { landCrossDomain } from '../identity/cross-domain-landing';
import type { Config } from '../config/config';
import type { IdentityStores } from '../consent/persistence';
import type { DebugNote, PieceContext, RulesRead } from '../pieces/contract';
import type { Analytics, User } from './types';

export type { Analytics, AnalyticsDependencies, DebugNote, Host, User };
export { LIBRARY };

/** analytics.js's default trackLink / trackForm timeout. */
const DEFAULT_TIMEOUT_MS = 300;

/**
 * Creates a live instance from a write key and load() options.
 * @example const analytics = createAnalytics('KEY', { flushAt: 10 }); analytics.track('Signed Up', { plan: 'pro' })
 */
export function createAnalytics(writeKey: unknown, options?: Options, dependencies: AnalyticsDependencies = {}): Analytics {
  const registry = dependencies.destinations ?? DESTINATIONS;
  const problems = createProblems();
  const config = readConfig(problems, writeKey, options, registry);
  const consent = startConsent(config.consent);
  // A user agent the core cannot rule out as a crawler stores nothing until the bots piece decides.
  const hold = holdForBots(config, consent);
  const { start } = hold;
  const stores = dependencies.identity ? undefined : openStores(config, start);
  const identity = dependencies.identity ?? createIdentityFrom(stores);
  const host = createHost(config, start, stores);
  const session = startSession(host, dependencies.listen !== false);
  const table = dependencies.pieceTable ?? PIECE_TABLE;
  const pieces = createPieceUser(host.emitter, dependencies.pieces ?? noPieces, table, dependencies.kinds);
  // The core says its problems by code; their sentences come from the messages piece the first time there is one to say.
  fetchCatalogWith(() => pieces.load('messages').then((messages) => messages.catalog));
  reportProblems(host, problems.errors);
  // A rules document's plan (or its dropping one) goes to the plan gate: the core wires one piece's answer into the next.
  const context = createPieceContext(
    host,
    (plan) => {
      void gates
        .get('plan')
        ?.fill()
        .then((gate) => gate?.replace(plan === undefined ? (config.plan ?? {}) : plan));
    },
    pieces.loadKind,
    trackLaterWith(() => call),
  );
  const gates = createPieceGates(pieces.load, context, table);
  /** What the rules piece answered (its rule set and problems), once its gate is filled, for the debug preview. */
  let rulesRead: RulesRead | undefined;

  /** Debug output is the debug piece's: it listens to these notes, and takes `earlier` for those made while it loaded. */
  const noteForDebug = (name: DebugNote[0], note: DebugNote[1]) => {
    if (!host.debug) return;
    host.emitter.emit(name, note);
    host.earlier?.push([name, note] as DebugNote);
  };
  /** Turns debug output on: notes are kept for the debug piece until it loads and takes them. */
  const startDebug = (method: 'showDebug' | 'logDebugOutput') => {
    host.debug = true;
    host.earlier ??= [];
    pieces.later('debug', (debug) => debug[method](context, () => rulesRead));
  };

  const transport = dependencies.transport ?? createFetchTransport(undefined, { edge: edgeHeaders(config.edge, host) });
  addRoutes(host, { registry, transport, pageView: ulid(), loadPiece: pieces.load, noteForDebug });
  const pipeline = createPipeline({
    integrations: config.integrations,
    identity: identity.current,
    page: readPage,
    device: readDeviceContext(),
    gates: [...gates.list, ...(dependencies.gates ?? [])],
    routes: host.routes,
    stamp: session && ((event, now) => stampSession(event, session.touch(now))),
  });
  const call = createCaller({ emitter: host.emitter, identity, pipeline, noteForDebug });
  const analytics = createFacade({ host, context, identity, call, pieces, gates, startDebug });
  host.analytics = analytics;

  gates.fillAtLoad(config, start);
  decideBots(host, hold, consent, gates.get('bots'));
  const rules = config.events || config.rulesUrl ? gates.get('rules')?.fill() : undefined;
  void rules?.then((gate) => {
    rulesRead = gate;
  });
  // A cross-domain landing adopts its anonymousId here, before the snippet's page() or any other first event is built.
  const raw = safely(() => location.search) ?? '';
  const search = config.crossDomain || config.useQueryString ? landCrossDomain(raw, identity.setAnonymousId) : raw;
  if (dependencies.listen !== false) startFeatures(host, context, pieces, rules);
  if (config.debug || search.includes('tally_debug=1')) startDebug('showDebug');
  if (search.includes('tally_pick=1')) analytics.pick();
  // Events earlier page views left in the buffer go out now, with their own messageId, timestamp and context.
  void analytics.flush();
  if (config.initialPageview) void analytics.page();
  if (config.useQueryString && search.includes('ajs_')) pieces.later('extras', (extras) => extras.queryString(context, search));
  return analytics;
}

/** The visitor's session (none with `session: false`), kept on the host for pieces and renewed by reset(). */
function startSession(host: Host, listen: boolean): Session | undefined {
  const session = openSession(host.config.session, () => host.storing, listen);
  host.session = session;
  host.emitter.on('reset', () => session?.reset(Date.now()));
  return session;
}

/**
 * PieceContext.trackLater: the call is held, not queued, and each route hands its event to the browser's deferred fetch
 * (none where the engine has none). `caller` gives the instance's caller, made after the piece context.
 */
const trackLaterWith =
  (caller: () => Caller): PieceContext['trackLater'] =>
  async (event, properties, messageId) => {
    if (typeof (globalThis as { fetchLater?: unknown }).fetchLater !== 'function') return [];
    const held = (await caller()('track', [event, properties, { messageId }], true))?.held ?? [];
    return held.flatMap(({ route, event: built }) => route.dispatcher.sendLater(built) ?? []);
  };

/** Starts what the config asks for at load besides the gates: the no-code tracker, and the page lifecycle listeners. */
function startFeatures(host: Host, context: PieceContext, pieces: PieceUser, rules: Promise<RulesRead | undefined> | undefined): void {
  const { config, routes } = host;
  listenForHide(
    (leaving) => {
      for (const { buffer, dispatcher } of routes) {
        buffer.hide();
        void dispatcher.unload(leaving);
      }
    },
    () => routes.forEach((route) => route.buffer.show()),
  );
  listenForOnline(() => void host.analytics.flush());
  if (config.pageviews) pieces.later('tracker', (tracker) => tracker.startPageviews(context));
  if (config.pageLeave) pieces.later('pageleave', (pageleave) => pageleave.startPageLeave(context));
  // Links are decorated by the extras piece: its bytes stay out of the core, and it is here well before a first click.
  if (config.crossDomain?.length) pieces.later('extras', (extras) => extras.crossDomainLinks(context));
  // The DOM tracker is fetched alongside the rules piece, and starts once both are here: it needs their definitions.
  // Clicks and submits made meanwhile are recorded, so rules see the first click after load. A rules document may hold
  // click, submit or page rules at any time.
  if (rules && (config.rulesUrl || config.dataLayer || usesTracker(config.events))) {
    const early = recordEarlyEvents();
    void Promise.all([rules, pieces.load('tracker')]).then(
      ([read, tracker]) =>
        safely(() => tracker.startTracker(context, read?.rules ?? createRuleSet(), early.stop(), read?.optionPieces ?? [])),
      () => early.stop(),
    );
  }
}

/** Whether any definition of the raw `events` option has a trigger (`on`): the tracker piece knows the kinds, the core does not. */
function usesTracker(events: Config['events']): boolean {
  return Object.values(events ?? {}).some((definition) => (definition as { on?: unknown } | null)?.on !== undefined);
}

/**
 * The headers for requests to a same-origin edge (a path, or a URL on this page's origin): the domain of the identity
 * cookies, so the edge extends the same cookie the SDK writes rather than a second one. Read per request: consent may
 * open the cookie store later (it comes first in the list, and only it has a domain).
 */
function edgeHeaders(edge: string | null, host: Host): TransportOptions['edge'] {
  const base = edge && safely(() => (new URL(edge, location.href).origin === location.origin ? edge : undefined));
  if (!base) return undefined;
  return (url): Record<string, string> | undefined => {
    if (!url.startsWith(base + '/')) return undefined;
    const domain = host.stores?.ids[0].domain;
    return domain ? { 'X-Tally-Cookie-Domain': domain } : {};
  };
}

/** With consent required, identity stays in memory (no cookie, no storage, not even a probe) until the consent piece opens the stores. */
function openStores(config: Config, start: ConsentStart): IdentityStores {
  if (start.storing) return openIdentityStores(config.cookie);
  const memory = createMemoryStore();
  return { ids: [memory], traits: [memory] };
}

function createIdentityFrom(stores: IdentityStores | undefined): Identity {
  const memory = createMemoryStore();
  return createIdentity(stores?.ids ?? [memory], stores?.traits ?? [memory]);
}

/** What the on-demand pieces work with; `analytics` is set once the instance exists. */
function createHost(config: Config, start: ConsentStart, stores: IdentityStores | undefined): Host {
  return {
    problems: [],
    analytics: undefined as unknown as Analytics,
    config,
    emitter: createEmitter(),
    routes: [],
    stores,
    storing: start.storing,
    debug: false,
    timeoutMs: DEFAULT_TIMEOUT_MS,
    sources: [],
    destinationMiddleware: {},
  };
}
