// The property sources, in one list: the rules piece reads their fields, the tracker reads their values and the debug
// checks try the page-wide ones, all from here. Adding a source is one file in this folder plus one line below.
import { hasOwn } from '../config/keys';
import { elementSource } from './element';
import { fieldSource } from './field';
import { querySource } from './query';
import { valueSource } from './value';
import { dataSource } from './data';
import { metaSource } from './meta';
import { jsonLdSource } from './json-ld';
import { cookieSource } from './cookie';
import { urlPartSource } from './url-part';
import { regexSource } from './regex';
import type { Source } from './source';

/** Every property source; the element source comes first and is the fallback. */
export const SOURCES: readonly Source[] = [
  elementSource,
  fieldSource,
  querySource,
  valueSource,
  dataSource,
  metaSource,
  jsonLdSource,
  cookieSource,
  urlPartSource,
  regexSource,
];

/** The field every source takes besides its own: `as: 'number' | 'boolean'`. */
export const AS_FIELD = 'as';

/** The kind of a `properties` entry: the first source one of its fields (besides `as`) belongs to, else the element source. */
export const sourceOf = (source: object): Source =>
  SOURCES.find((kind) => Object.keys(source).some((key) => key !== AS_FIELD && hasOwn(kind.fields, key))) ?? elementSource;
