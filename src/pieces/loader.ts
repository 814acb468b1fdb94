// Touches document and window: pieces loaded on demand next to the script-tag bundle (dist/tally-<name>.js), outside the default bundle's weight.
import { TallyError } from '../errors';
import type { KindPieceName, LoadPiece, PieceName } from './contract';
import type { KindPiece, LoadKind } from '../triggers/trigger';

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
export function registerPiece(name: PieceName | KindPieceName, exports: unknown): void {
  registry()[name] = exports;
}

/** Adds one <script> for a piece's file; resolves with what the file registered. */
function loadScript(name: PieceName | KindPieceName, base: string): Promise<unknown> {
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
  const load = (name: PieceName) => {
    loading[name] ??= loadScript(name, base);
    return loading[name];
  };
  return load as LoadPiece;
}

/**
 * Loads trigger kinds' pieces from `base` (dist/tally-kind-<piece>.js), once each; one the page already has is returned at once.
 * @example createKindLoader('https://cdn.example.com/tally/')('visible')
 */
export function createKindLoader(base: string): LoadKind {
  const loading: Record<string, Promise<KindPiece>> = {};
  return (piece) => {
    const name: KindPieceName = `kind-${piece}`;
    const here = registry()[name] as KindPiece | undefined;
    if (here) return here;
    loading[name] ??= loadScript(name, base) as Promise<KindPiece>;
    return loading[name];
  };
}

/** The kind loader when none is given: every kind's piece is missing. */
export const noKindPieces: LoadKind = (piece) => Promise.reject(new TallyError(`the kind-${piece} piece is not available in this build`));

/** The loader when none is given: every piece is missing. */
export const noPieces: LoadPiece = (name) => Promise.reject(new TallyError(`the ${name} piece is not available in this build`));
