// Entry of the on-demand middleware piece (dist/tally-middleware.js): the chains, plugins and PII redaction.
export { runSourceMiddleware, runDestinationMiddleware } from '../middleware/chain';
