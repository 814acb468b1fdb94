// Entry of the on-demand middleware piece (dist/tally-middleware.js): the chains, plugins and PII redaction. Loaded when `redact`
// is configured or addSourceMiddleware / addDestinationMiddleware / register is called; the core keeps the lists.
export { middlewareGate } from './gate';
