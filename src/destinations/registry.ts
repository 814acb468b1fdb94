// The destination registry: each service tally delivers to is described once here. config, the instance and the rules
// read this list; none of them names a service. The entry's shape (DestinationEntry) is in destination.ts. A new destination is one file or folder plus one line in DESTINATIONS.
import type { DestinationEntry } from './destination';
import { segmentEntry } from './segment';
import { customerioEntry } from './customerio/entry';

/** Every destination tally knows, in the order their routes are made. */
export const DESTINATIONS: readonly DestinationEntry<any>[] = [segmentEntry, customerioEntry];
