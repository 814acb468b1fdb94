// The ESM build's loader: every on-demand piece is bundled (a bundler splits or shakes it as the site chooses).
import * as plan from './chunks/plan';
import * as middleware from './chunks/middleware';
import * as extras from './chunks/extras';
import * as debug from './chunks/debug';
import * as consent from './chunks/consent';
import type { LoadExtension } from './extensions';

const pieces = { plan, middleware, extras, debug, consent };

/** Resolves a piece from the bundle. */
export const loadBundledExtension: LoadExtension = (name) => Promise.resolve(pieces[name]);
