// Entry of the on-demand middleware piece (dist/tally-middleware.js): the chains, plugins and PII redaction. Loaded when `redact`
// is configured or addSourceMiddleware / addDestinationMiddleware / register is called; the core keeps the lists.
import { createProblems } from '../check';
import { logError } from '../errors';
import { runDestinationMiddleware, runSourceMiddleware } from '../middleware/chain';
import { readRedact } from '../middleware/redact';
import type { Gate } from '../gates';
import type { Host } from '../analytics';

/**
 * The source-chain gate (synchronous while nothing is registered); also puts destination middleware in front of each
 * route's dispatcher, reading the host's lists live so functions added later join in.
 */
export function middlewareGate(host: Host): Gate {
  const problems = createProblems();
  const redact = readRedact(problems, host.config.redact);
  problems.errors.forEach(logError);
  for (const route of host.routes) {
    const { dispatcher } = route;
    const name = route.destination.name;
    route.dispatcher = {
      ...dispatcher,
      enqueue(event) {
        const list = host.destinationMiddleware[name];
        if (!list) return dispatcher.enqueue(event);
        void runDestinationMiddleware(list, name, event).then((changed) => changed && dispatcher.enqueue(changed), logError);
      },
    };
  }
  return { name: 'middleware', run: (event) => (host.sources.length || redact ? { wait: runSourceMiddleware(host.sources, event, redact, host.analytics) } : { event }) };
}
