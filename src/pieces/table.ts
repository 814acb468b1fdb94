// The one table of on-demand pieces: the loader, the ESM bundle, the "needed by" messages, the gates and rollup all read it.
// A piece is its folder (src/…/<name>/piece.ts, built to dist/tally-<name>.js) plus one line here; a gate is a piece whose
// line has `gate`. Gates run in this order. No runtime import: rollup.config.mjs reads this file too.
import type { AnyPieceRow } from './contract';

/** Every on-demand piece, gates first in the order events pass them. */
export const PIECE_TABLE: readonly AnyPieceRow[] = [
  {
    // First: a crawler's events go no further. The core fills it (src/bots/hold.ts), only for a user agent it could not rule out.
    name: 'bots',
    neededBy: 'the `bots` option needs it for this user agent; events are sent unchecked',
    gate: { create: (bots, context) => bots.botsGate(context) },
  },
  {
    name: 'rules',
    neededBy: 'the `events` option needs it; events of a defined name are sent without their paths and toggles',
    gate: {
      create: (rules, context) => {
        const gate = rules.eventsGate(context);
        return gate.ready ? gate.ready.then(() => gate) : gate;
      },
      atLoad: (config) => !!(config.events || config.rulesUrl || config.dataLayer),
    },
  },
  {
    name: 'consent',
    neededBy: 'the `consent` option needs it; events are held back and not sent',
    gate: {
      create: (consent, context) => consent.consentGate(context),
      atLoad: (_, start) => start.decides,
      closed: 'consent piece unavailable',
    },
  },
  {
    name: 'plan',
    neededBy: 'the `plan` option needs it; events are sent unchecked',
    gate: { create: (plan, context) => plan.planGate(context), atLoad: (config) => !!config.plan },
  },
  {
    name: 'middleware',
    neededBy: '`redact` and middleware need it; events are held back and not sent',
    gate: {
      create: (middleware, context) => middleware.middlewareGate(context),
      atLoad: (config) => !!config.redact,
      closed: 'middleware unavailable',
    },
  },
  { name: 'extras', neededBy: 'trackLink, trackForm, the ajs_ query string and `crossDomain` links need it' },
  { name: 'debug', neededBy: 'debug output needs it' },
  { name: 'tracker', neededBy: 'the click, submit and page rules of `events` need it; they do not fire' },
  { name: 'customerio', neededBy: "the `customerio` option needs it; Customer.io's events stay queued" },
  { name: 'picker', neededBy: 'the picker needs it' },
  { name: 'messages', neededBy: 'the sentences of console messages need it; each is said by its code' },
  { name: 'pageleave', neededBy: 'the `pageLeave` option needs it; no Page Left events are sent' },
];
