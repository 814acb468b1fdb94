// The routes: for each destination the config turned on (in registry order), its durable buffer and its dispatcher, with
// the queues that earlier page views left under other settings of that destination (see docs/buffer.md).
import { createBuffer } from '../delivery/buffer';
import { describeConfiguration, type Configuration } from '../delivery/configuration';
import { forgetConfiguration, hasRegistry, otherConfigurations, rememberConfiguration } from '../delivery/configuration-registry';
import { createDispatcher } from '../delivery/dispatcher';
import { withDrains, type Drain } from '../delivery/drains';
import { createMemoryQueue } from '../delivery/queue';
import { TallyError, logError, logWarning } from '../errors';
import type { Destination } from '../destinations/destination';
import type { DestinationEntry, DestinationHost } from '../destinations/destination';
import type { Route } from '../pipeline/route';
import type { Transport } from '../delivery/transport';
import { PIECE_TABLE } from '../pieces/table';
import type { DebugNote, LoadPiece, PieceName } from '../pieces/contract';
import { reportProblems, type Host } from './host';

/** What making the routes needs besides the host. */
export interface RouteInputs {
  registry: readonly DestinationEntry[];
  transport: Transport;
  /** This page view's id: the buffer's lease owner. */
  pageView: string;
  loadPiece: LoadPiece;
  noteForDebug: (name: DebugNote[0], note: DebugNote[1]) => void;
}

/**
 * Adds a route to `host.routes` for each destination the config has settings for. Each configuration of a destination
 * has its own queue, so events go out only with the settings of the page view that made them; the queues earlier page
 * views left under other settings ride along with the route and are delivered with their own settings.
 */
export function addRoutes(host: Host, inputs: RouteInputs): void {
  // The first page view with queues per configuration: what older versions left under `<writeKey> <destination>` is
  // drained with this page view's settings (as those versions would have sent it).
  const upgrading = host.storing && host.config.buffer.storage !== 'memory' && !hasRegistry();
  for (const entry of inputs.registry) {
    const settings = host.config.destinations[entry.key];
    if (!settings) continue;
    const own = describeConfiguration(host.config.writeKey, entry.name, settings);
    const destination = entry.create(settings, destinationHost(host, inputs));
    const route = createRoute(host, destination, inputs, own.key);
    if (host.config.buffer.storage === 'memory') {
      host.routes.push(route);
      continue;
    }
    // Nothing is written before consent allows storing (the registry is written on a later hide then), nor before the
    // destination's piece accepted the settings: settings it refuses (a secret key) never reach storage.
    let accepted = !destination.ready;
    const remember = () => accepted && host.storing && rememberConfiguration(own);
    destination.ready?.then(() => {
      accepted = !destination.off;
      remember();
    }, ignore);
    remember();
    const drains = host.storing ? drainsOf(host, entry, own, inputs) : [];
    const legacy = own.prefix.trim();
    if (upgrading) drains.push({ key: legacy, ...createRoute(host, destination, inputs, legacy) });
    host.routes.push({ ...route, ...withDrains(route, drains, forgetConfiguration, remember) });
  }
}

const ignore = () => undefined;

/** What a destination's entry may use: the pieces by name, and the place for its option's problems. */
const destinationHost = (host: Host, inputs: RouteInputs): DestinationHost => ({
  loadPiece: (name) => loadByName(inputs.loadPiece, name),
  reportProblems: (problems) => reportProblems(host, problems.errors),
});

/** Whether `name` is a line of the piece table. */
const isPieceName = (name: string): name is PieceName => PIECE_TABLE.some((row) => row.name === name);

/** A destination's piece, by the name its entry gives (the core does not know what a destination's piece exports). */
const loadByName = (load: LoadPiece, name: string): Promise<unknown> =>
  isPieceName(name) ? load(name) : Promise.reject(new TallyError(`no piece is named ${name}`));

/** The queues of the other configurations of `entry` that can be rebuilt from their stored settings. */
function drainsOf(host: Host, entry: DestinationEntry, own: Configuration, inputs: RouteInputs): Drain[] {
  // A configuration that needs a secret (a Track API key in the page) is delivered by a page view that has it.
  return otherConfigurations(own)
    .filter((other) => other.complete)
    .map(({ key, settings }) => ({
      key,
      ...createRoute(host, entry.create(settings, destinationHost(host, inputs)), inputs, key),
    }));
}

/** One destination's buffer (IndexedDB write-ahead, shared between tabs, under `key`) and the dispatcher that delivers it. */
export function createRoute(host: Host, destination: Destination, inputs: RouteInputs, key: string): Route {
  const { config, emitter } = host;
  const { name } = destination;
  // The buffer's drops and the dispatcher's, counted together for stats().
  const dropped: Record<string, number> = {};
  const buffer = createBuffer({
    ...config.buffer,
    inner: createMemoryQueue(),
    key,
    owner: inputs.pageView,
    openAtStart: host.storing,
    onDrop(reason, count) {
      dropped[reason] = (dropped[reason] ?? 0) + count;
      logWarning(`${name}: buffered events dropped (${reason})`);
    },
    // Said once per page (every destination's buffer falls back alike), and kept for the debug piece's console output.
    onFallback(kind, error) {
      if (!host.storageFallback)
        logWarning(`event storage failed (${error instanceof Error ? error.message : String(error)}): events are kept in ${kind} instead`);
      host.storageFallback = { kind, error };
    },
  });
  const dispatcher = createDispatcher({
    destination,
    queue: buffer,
    transport: inputs.transport,
    flushAt: config.flushAt,
    flushIntervalMs: config.flushIntervalMs,
    dropped,
    onDrop(error, event) {
      logError(error);
      emitter.emit('error', { code: 'delivery_failure', reason: error, destination: name, event });
    },
    onResult(request, response) {
      inputs.noteForDebug('tally:delivery', { destination: name, messageIds: request.messageIds, status: response.status });
    },
  });
  return { destination, buffer, dispatcher };
}
