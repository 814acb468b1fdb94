// Entry of the on-demand pageleave piece (dist/tally-pageleave.js): one Page Left per page view. Loaded with `pageLeave: true`.
import { startPageLeave as start } from './page-leave';
import type { PieceContext, Pieces } from '../pieces/contract';

/** Starts Page Left accounting (docs/page-leave.md). */
export const startPageLeave = (context: PieceContext): void => start(context);

({ startPageLeave }) satisfies Pieces['pageleave'];
