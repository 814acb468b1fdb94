// Entry of the on-demand messages piece (dist/tally-messages.js): the sentences of the core's problem codes, fetched the
// first time the core has something to say (src/errors.ts), so a page without problems never downloads them.
import { MESSAGES } from './catalog';
import type { Pieces } from '../pieces/contract';

/** The sentences, by code. */
export const catalog = MESSAGES;

({ catalog }) satisfies Pieces['messages'];
