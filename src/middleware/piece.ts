// Entry of the on-demand middleware piece (dist/tally-middleware.js): the chains, plugins and PII redaction. Loaded when `redact`
// is configured or addSourceMiddleware / addDestinationMiddleware / register is called; the core keeps the lists.
import { middlewareGate } from './gate';
import type { Pieces } from '../pieces/contract';
import { useCatalog } from '../errors';
import { MESSAGES } from '../messages/catalog';

// The shared option readers report by code: this piece says their sentences itself (the core fetches them on demand).
useCatalog(MESSAGES);

export { middlewareGate };

({ middlewareGate }) satisfies Pieces['middleware'];
