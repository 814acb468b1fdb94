// Touches document and window: pieces loaded on demand next to the script-tag bundle (dist/tally-<name>.js), outside the default bundle's weight.
import { TallyError } from '../api/errors';
import type * as Plan from '../plan/piece';
import type * as Middleware from '../middleware/piece';
import type * as Extras from '../extras/piece';
import type * as Debug from '../debug/piece';
import type * as Consent from '../consent/piece';

/** The on-demand pieces and what each one exports. */
export interface Pieces {
  plan: typeof Plan;
  middleware: typeof Middleware;
  extras: typeof Extras;
  debug: typeof Debug;
  consent: typeof Consent;
}

/** Gets a piece: from its own file for the script tag, from the bundle for ESM. */
export type LoadPiece = <K extends keyof Pieces>(name: K) => Promise<Pieces[K]>;

const REGISTRY = '__tallyPieces';
const registry = (): Record<string, unknown> => ((window as unknown as Record<string, Record<string, unknown>>)[REGISTRY] ??= {});

/** Called by a piece's file when it runs: makes its exports available to the loader. */
export function registerPiece(name: keyof Pieces, exports: unknown): void {
  registry()[name] = exports;
}

/**
 * Loads pieces from `base` (the folder tally.min.js came from, so the same origin and version): one <script> per piece, once.
 * @example createScriptLoader('https://cdn.example.com/tally/')('debug')
 */
export function createScriptLoader(base: string): LoadPiece {
  const loading: Record<string, Promise<unknown>> = {};
  return ((name: keyof Pieces) =>
    (loading[name] ??= new Promise((resolve, reject) => {
      if (registry()[name]) return resolve(registry()[name]); // the page included the piece's file itself
      const script = document.createElement('script');
      script.src = `${base}tally-${name}.js`;
      script.onload = () => (registry()[name] ? resolve(registry()[name]) : reject(new TallyError(`${script.src} did not register`)));
      script.onerror = () => reject(new TallyError(`could not load ${script.src}`));
      document.head.appendChild(script);
    }))) as LoadPiece;
}

/** The loader when none is given: every piece is missing. */
export const noPieces: LoadPiece = (name) => Promise.reject(new TallyError(`the ${name} piece is not available in this build`));
