// The ESM build's loader: each on-demand piece is a dynamic import(), so a bundler splits it into a lazy chunk that a
// page downloads only when it needs the piece, as the script tag's pieces are. `Pieces` (the contract) makes this list
// fail to compile when it and the table differ.
import type { LoadPiece, Pieces } from './contract';
import type { KindPiece, LoadKind } from '../triggers/trigger';

/** One import() per piece: static specifiers, which bundlers follow. */
const pieces: { [K in keyof Pieces]: () => Promise<Pieces[K]> } = {
  bots: () => import('../bots/piece'),
  rules: () => import('../rules/piece'),
  consent: () => import('../consent/piece'),
  plan: () => import('../plan/piece'),
  middleware: () => import('../middleware/piece'),
  extras: () => import('../extras/piece'),
  debug: () => import('../debug/piece'),
  tracker: () => import('../tracker/piece'),
  customerio: () => import('../destinations/customerio/piece'),
  picker: () => import('../picker/piece'),
  messages: () => import('../messages/piece'),
  pageleave: () => import('../pageleave/piece'),
};

/** Resolves a piece from its chunk. */
export const loadBundledPiece: LoadPiece = (name) => pieces[name]();

/**
 * Resolves a trigger kind's piece (src/triggers/<piece>/piece.ts) from its chunk. rollup's ESM build turns this import
 * into one import() per kind folder (kindImports in rollup.config.mjs); Vite and vitest read it as it is.
 */
export const loadBundledKind: LoadKind = (piece) => import(`../triggers/${piece}/piece.ts`) as Promise<KindPiece>;
