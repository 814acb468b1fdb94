// Entry of the on-demand picker piece (dist/tally-picker.js): the point-and-click rule builder, loaded by `?tally_pick=1`
// or `analytics.pick()`. Nothing of it is in tally.min.js.
import { openPicker } from './picker';
import type { PieceContext, Pieces } from '../pieces/contract';
import { useCatalog } from '../errors';
import { MESSAGES } from '../messages/catalog';

// The shared option readers report by code: this piece says their sentences itself (the core fetches them on demand).
useCatalog(MESSAGES);

/** Hosts with an open picker: a second `pick()` does not open another. */
const open = new WeakMap<PieceContext, { isOpen(): boolean }>();

/** Opens the picker over the page, once per instance (until it is closed). */
export function startPicker(host: PieceContext): void {
  if (open.get(host)?.isOpen()) return;
  const picker = openPicker({
    rulesUrl: host.config.rulesUrl,
    destinations: host.routes.map((route) => route.destination.name),
    integrations: host.config.integrations,
    loadKind: host.loadKind,
  });
  open.set(host, picker);
}

({ startPicker }) satisfies Pieces['picker'];
