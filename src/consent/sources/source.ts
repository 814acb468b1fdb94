// The seam every consent source (CMP) implements: one file per CMP under sources/, one line in list.ts. Pure types.
/** A visitor's choice per category; `'*'` stands for every category it does not name. */
export type ConsentChoice = Record<string, boolean>;

/** What a CMP answered: the visitor's choice by the CMP's own category ids (`'*'` for the rest), or none yet. */
export type CmpAnswer = ConsentChoice | undefined;

/** One running reader of a CMP, through its public API only. */
export interface CmpReader {
  /** Starts listening; `changed` is called whenever the CMP announces something (it may repeat the same answer). */
  start(changed: () => void): void;
  /** The visitor's current choice, or undefined while the CMP has not loaded or the visitor has not chosen. Cheap: called per event. */
  read(): CmpAnswer;
  /** Removes every listener it added. */
  stop(): void;
}

/** A consent source: how `consent.from` names it, which category ids it can have, and how to read it. */
export interface ConsentSource {
  /** The `consent.from` value, e.g. `'onetrust'`. */
  readonly name: string;
  /** The CMP's name in messages, e.g. `'OneTrust'`. */
  readonly label: string;
  /** The category ids this CMP can have, for the error on a typo: a predicate and its description. */
  isCategory(id: string): boolean;
  readonly categories: string;
  /** Categories the CMP always reports as on (strictly necessary): they alone do not count as a grant. */
  readonly necessary?: readonly string[];
  /** Makes a reader of the page's CMP; `ids` are the category ids the site mapped, for CMPs with many (TCF vendors). */
  create(ids: readonly string[]): CmpReader;
}

/** The page's global object, as the sources read it: CMPs publish their APIs there. */
export const page = (): Record<string, unknown> => window as unknown as Record<string, unknown>;

/** Adds a window listener and returns its removal. */
export function listen(names: readonly string[], handler: () => void): () => void {
  for (const name of names) addEventListener(name, handler);
  return () => names.forEach((name) => removeEventListener(name, handler));
}
