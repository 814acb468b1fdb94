// The ESM build's loader: every on-demand piece is bundled (a bundler splits or shakes it as the site chooses). The imports
// are static so bundlers see them; `Pieces` (the contract) makes this list fail to compile when it and the table differ.
import * as bots from '../bots/piece';
import * as rules from '../rules/piece';
import * as consent from '../consent/piece';
import * as plan from '../plan/piece';
import * as middleware from '../middleware/piece';
import * as extras from '../extras/piece';
import * as debug from '../debug/piece';
import * as tracker from '../tracker/piece';
import * as customerio from '../destinations/customerio/piece';
import * as picker from '../picker/piece';
import * as messages from '../messages/piece';
import * as pageleave from '../pageleave/piece';
import type { LoadPiece, Pieces } from './contract';

const pieces: Pieces = { bots, rules, consent, plan, middleware, extras, debug, tracker, customerio, picker, messages, pageleave };

/** Resolves a piece from the bundle. */
export const loadBundledPiece: LoadPiece = (name) => Promise.resolve(pieces[name]);
