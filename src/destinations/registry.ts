// The destination registry: each service tally delivers to is described once here. config, the instance and the rules
// read this list; none of them names a service. A new destination is one file or folder plus one line in DESTINATIONS.
import type { Problems } from '../config/readers';
import type { Destination } from './destination';
import type { LoadPiece } from '../pieces/loader';
import { segmentEntry } from './segment';
import { customerioEntry } from './customerio/destination';

/** What a destination's reader sees besides its own option: load()'s write key and its `integrations` object. */
export interface LoadContext {
  writeKey: string;
  integrations: Readonly<Record<string, unknown>>;
  /** The first-party edge every destination goes through (`edge` option), without a trailing slash; undefined without one. */
  edge?: string;
}

/** What creating a destination may use: the on-demand pieces (a destination may keep its wire format in one). */
export interface DestinationHost {
  loadPiece: LoadPiece;
}

/** One destination, described once. */
export interface DestinationEntry<Settings = unknown> {
  /** The load() option that holds its settings, and its short name in an event definition's `destinations` toggle. */
  readonly key: string;
  /** Its `integrations` key, as analytics.js users write it (`Segment.io`, `Customer.io`). */
  readonly name: string;
  /** Validates its option (problems name the field); null when it is not configured or `integrations` turns it off. */
  read(problems: Problems, input: unknown, load: LoadContext): Settings | null;
  /** Makes the destination from its validated settings. */
  create(settings: Settings, host: DestinationHost): Destination;
}

/** Every destination tally knows, in the order their routes are made. */
export const DESTINATIONS: readonly DestinationEntry<any>[] = [segmentEntry, customerioEntry];
