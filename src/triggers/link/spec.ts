// The spec side of click rules' link presets (`link`, `domains`, `extensions`): the fields' readers, in the rules piece;
// what each preset matches is the link piece's (links.ts, piece.ts).
import { readChoice, readString, reject } from '../../config/readers';
import type { Definition, Reader } from '../../rules/types';

/** The link presets, as `link` names them. */
export const LINK_PRESETS = ['outbound', 'download', 'mailto', 'tel'] as const;

/** Reads a list of non-empty strings (or one string), lower-cased: `domains` and `extensions`. */
const readList =
  (what: string): Reader =>
  (problems, at, value) => {
    if (value === undefined) return undefined;
    if (!Array.isArray(value) && typeof value !== 'string') return reject(problems, at, what, value);
    return [value].flat().map((item, i) => readString(problems, `${at}[${i}]`, item)?.toLowerCase().replace(/^\./, ''));
  };

/** The click rule fields of the link presets, with their readers. */
export const LINK_FIELDS: Readonly<Record<string, Reader>> = {
  link: (problems, at, value) => (value === undefined ? undefined : readChoice(problems, at, value, LINK_PRESETS, 'outbound')),
  domains: readList('a list of host names'),
  extensions: readList('a list of file extensions'),
};

/** A kind's own option of a compiled definition (`link`, `domains`, `extensions`), as its reader left it. */
export const optionOf = <T>(definition: Definition, name: string) =>
  (definition as unknown as Record<string, unknown>)[name] as T | undefined;
