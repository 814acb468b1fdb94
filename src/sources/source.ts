// The property source seam (types only): where one `properties` entry's value comes from. A source is one file in this
// folder implementing Source, plus one line in list.ts; the rules piece reads its fields, the tracker reads its value,
// the debug checks try the page-wide ones at load.
import type { Definition, PropertySource } from '../rules/types';
import type { FieldReader } from '../triggers/trigger';
import type { Reader } from '../rules/types';

/**
 * How a source's field is read, always by a named reader of the rules piece (so the pieces that bundle every source
 * bundle no reading code): a trigger field's, a dot path (`path`), `true` only (`true`), anything (`any`), or one of
 * readers.ts (a cookie name, a regex with a capture group, a URL part, a segment index).
 */
export type SourceFieldReader = Exclude<FieldReader, Reader> | 'path' | 'true' | 'any' | SourceOwnReader;

/** The readers of readers.ts, which only the rules piece bundles. */
export type SourceOwnReader = 'cookie' | 'regex' | 'urlPart' | 'index';

/** What one firing offers a source. */
export interface SourceFacts {
  definition: Definition;
  /** The element the rule matched (none for page-wide kinds). */
  element?: Element;
  /** The page's URL now. */
  href: string;
  /** A data layer dot path's value: the firing push first, then the merged state (src/tracker/data-layer.ts). */
  data(path: string): unknown;
}

/** One kind of property source. */
export interface Source {
  /** Its fields with their readers: a `properties` entry is of this kind when it names one of them (besides `as`). */
  fields: Readonly<Record<string, SourceFieldReader>>;
  /** The field the others need (`urlPart` for `index`); absent when any field will do. */
  required?: string;
  /** Read from the matched element or its form: the preview says, at a hit, which of these found nothing. */
  element?: true;
  /** Read from the page alone, without a firing (a meta tag, a cookie): the at-load checks try it and say when it finds nothing. */
  page?: true;
  /** A problem across its fields no one reader sees, as the field and what is wrong. */
  check?(source: PropertySource): { field: string; detail: string } | undefined;
  /** The value now, or undefined when there is none (the property is then left out of the event). */
  read(source: PropertySource, facts: SourceFacts): unknown;
}
