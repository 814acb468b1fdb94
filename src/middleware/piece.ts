// Entry of the on-demand middleware piece (dist/tally-middleware.js): the chains, plugins and PII redaction. Loaded when `redact`
// is configured or addSourceMiddleware / addDestinationMiddleware / register is called; the core keeps the lists.
import { middlewareGate } from './gate';
import type { Pieces } from '../pieces/contract';

export { middlewareGate };

({ middlewareGate }) satisfies Pieces['middleware'];
