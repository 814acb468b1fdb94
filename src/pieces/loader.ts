// Touches document and window: pieces loaded on demand next to the script-tag bundle (dist/tally-<name>.js), outside the default bundle's weight.
import { TallyError } from '../errors';
import type * as Plan from '../plan/piece';
import type * as Middleware from '../middleware/piece';
import type * as Extras from '../extras/piece';
import type * as Debug from '../debug/piece';
import type * as Consent from '../consent/piece';
import type * as Rules from '../rules/piece';
import type * as Tracker from '../tracker/piece';
import type * as Customerio from '../destinations/customerio/piece';
import type * as Picker from '../picker/piece';

/** The on-demand pieces and what each one exports. */
export interface Pieces {
  plan: typeof Plan;
  middleware: typeof Middleware;
  extras: typeof Extras;
  debug: typeof Debug;
  consent: typeof Consent;
  rules: typeof Rules;
  tracker: typeof Tracker;
  customerio: typeof Customerio;
  picker: typeof Picker;
}

/** Gets a piece: from its own file for the script tag, from the bundle for ESM. */
export type LoadPiece = <K extends keyof Pieces>(name: K) => Promise<Pieces[K]>;

const REGISTRY = '__tallyPieces';
/** The page-wide list pieces register into: a piece's file may run before or after the loader asks for it. */
function registry(): Record<string, unknown> {
  const global = window as unknown as Record<string, Record<string, unknown> | undefined>;
  const existing = global[REGISTRY];
  if (existing) return existing;
  const created: Record<string, unknown> = {};
  global[REGISTRY] = created;
  return created;
}

/** Called by a piece's file when it runs: makes its exports available to the loader. */
export function registerPiece(name: keyof Pieces, exports: unknown): void {
  registry()[name] = exports;
}

/** Adds one <script> for a piece's file; resolves with what the file registered. */
function loadScript(name: keyof Pieces, base: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const registered = registry()[name];
    // The page included the piece's file itself.
    if (registered) return resolve(registered);
    const script = document.createElement('script');
    script.src = `${base}tally-${name}.js`;
    script.onload = () => {
      const exports = registry()[name];
      if (exports) resolve(exports);
      else reject(new TallyError(`${script.src} did not register`));
    };
    script.onerror = () => reject(new TallyError(`could not load ${script.src}`));
    document.head.appendChild(script);
  });
}

/**
 * Loads pieces from `base` (the folder tally.min.js came from, so the same origin and version): one <script> per piece, once.
 * @example createScriptLoader('https://cdn.example.com/tally/')('debug')
 */
export function createScriptLoader(base: string): LoadPiece {
  const loading: Record<string, Promise<unknown>> = {};
  const load = (name: keyof Pieces) => {
    loading[name] ??= loadScript(name, base);
    return loading[name];
  };
  return load as LoadPiece;
}

/** The loader when none is given: every piece is missing. */
export const noPieces: LoadPiece = (name) => Promise.reject(new TallyError(`the ${name} piece is not available in this build`));
