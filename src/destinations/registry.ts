// The destination registry: each service tally delivers to is described once here. config, the instance and the rules
// read this list; none of them names a service. The entry's shape (DestinationEntry) is in destination.ts. A new destination is one file or folder plus one line in DESTINATIONS.
import type { DestinationEntry } from './destination';
import { segmentEntry } from './segment';
import { customerioEntry } from './customerio/entry';

/** Every destination tally knows, in the order their routes are made. */
export const DESTINATIONS = [segmentEntry, customerioEntry] as const satisfies readonly DestinationEntry<any, unknown>[];

/** Each registered destination's load() option by its key (`segment?: SegmentOptions`), read from DESTINATIONS. */
export type DestinationOptions = { [Entry in (typeof DESTINATIONS)[number] as Entry['key']]?: OptionOf<Entry> };

/** The option shape a registry entry declares with its `Input` type parameter. */
type OptionOf<Entry> = Entry extends DestinationEntry<any, infer Input, string> ? Input : never;
