// Touches navigator. Entry of the on-demand bots piece (dist/tally-bots.js): isbot's crawler list, loaded only when the
// core's look at the user agent (./suspect.ts) could not rule a crawler out, or with `bots: 'strict'`.
import { createBotMatcher } from './list';
import { createBotsGate } from './gate';
import type { BotsGate, PieceContext, Pieces } from '../pieces/contract';

/** The bots gate for this page's visitor: `strict` adds automation (headless browsers, navigator.webdriver). */
export function botsGate(context: PieceContext): BotsGate {
  const { bots } = context.config;
  const strict = bots === 'strict';
  const reason = createBotMatcher(strict)(navigator.userAgent) ?? (strict && navigator.webdriver ? 'navigator.webdriver' : undefined);
  return createBotsGate(reason, bots);
}

({ botsGate }) satisfies Pieces['bots'];
