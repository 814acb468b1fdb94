// The middleware gate: runs source middleware and plugins (and redaction) on each event; puts destination middleware in front
// of each route's dispatcher. Part of the on-demand middleware piece.
import { createProblems } from '../config/readers';
import { logError } from '../errors';
import { runDestinationMiddleware, runSourceMiddleware } from './chain';
import { readRedact } from './redact';
import type { Gate } from '../pipeline/gates';
import type { PieceContext } from '../pieces/contract';

/**
 * The source-chain gate (synchronous while nothing is registered); also puts destination middleware in front of each
 * route's dispatcher, reading the host's lists live so functions added later join in.
 */
export function middlewareGate(host: PieceContext): Gate {
  const problems = createProblems();
  const redact = readRedact(problems, host.config.redact);
  problems.errors.forEach(logError);
  for (const route of host.routes) {
    const { dispatcher } = route;
    const name = route.destination.name;
    route.dispatcher = {
      ...dispatcher,
      enqueue(event) {
        const list = host.middleware.destinations[name];
        if (!list) return dispatcher.enqueue(event);
        void runDestinationMiddleware(list, name, event).then((changed) => {
          if (changed) dispatcher.enqueue(changed);
        }, logError);
      },
    };
  }
  return {
    name: 'middleware',
    run: (event) =>
      host.middleware.sources.length || redact
        ? { wait: runSourceMiddleware(host.middleware.sources, event, redact, host.analytics) }
        : { event },
  };
}
