// The shapes of an event definition (types only): as a site writes it in `events`, and as the rules piece compiles it.
// Apart from definitions.ts so the trigger kinds (src/triggers/) can name them without importing the reader that lists them.
import type { Problems } from '../config/readers';
import type { Pattern } from './url-pattern';

/** Where a property's value comes from: one kind of src/sources/list.ts (`selector` may add `closest` and `attr` or `text`), and `as`. */
export interface PropertySource {
  attr?: string;
  text?: true;
  selector?: string;
  closest?: string;
  query?: string;
  field?: string;
  /** With `field`: the field may be a hidden input (an explicit opt-in; passwords and card fields stay unread). */
  hidden?: true;
  value?: unknown;
  /** A dot path (`ecommerce.value`) into a data layer push, then the data layer's earlier pushes (own properties only). */
  data?: string;
  /** A `<meta name|property>` tag's content. */
  meta?: string;
  /** A dot path into the page's first JSON-LD object of `@type` `type` (default Product). */
  jsonLd?: string;
  type?: string;
  /** One named cookie's value. */
  cookie?: string;
  /** A part of the page's URL; `index` picks a path segment or host label (1 the first, -1 the last). */
  urlPart?: 'path' | 'query' | 'hash' | 'host';
  index?: number;
  /** A regular expression against the page's URL: its first capture group. */
  regex?: string;
  /** Converts the value read (docs/nocode.md "Property sources"). */
  as?: 'number' | 'boolean';
}

/** A `fields` entry: a control's name, or `{ name, hidden: true }` to read a hidden input of that name. */
export type FieldEntry = string | { name: string; hidden?: boolean };

/** One event definition as a site writes it in `events` (docs/nocode.md). */
export interface EventDefinitionOptions {
  /** The trigger kind (src/triggers/list.ts lists them; docs/nocode.md documents each). */
  on?: string;
  fire?: unknown;
  dontFire?: unknown;
  selector?: string;
  text?: unknown;
  properties?: Record<string, PropertySource>;
  fields?: FieldEntry[];
  identify?: { email?: string; userId?: string; traits?: string[] };
  skipCancelled?: boolean;
  /** `visible`: the share of the element in view (0-1, default 0.5) and for how long without a break (ms, default 0). */
  threshold?: number;
  minMs?: number;
  /** `scroll`: the depths, in percent of the page. */
  percent?: number | number[];
  /** `timer`: the page's visible time that fires it. */
  afterMs?: number;
  destinations?: Record<string, boolean>;
  /** Fires at most once per page view or per session (docs/nocode.md "Firing once"). */
  once?: 'page' | 'session';
}

/** A validated, compiled event definition. */
export interface Definition {
  name: string;
  /** The trigger kind; absent for a definition that only gates and routes events of its name. */
  on?: string;
  /**
   * What runs it, set by the reader from its kind's spec: the kind's piece (src/triggers/<piece>/), or the kind itself
   * for click, submit and page (bundled with the tracker), so the tracker and the preview need no spec to find it.
   */
  runtime?: string;
  fire: Pattern[];
  dontFire: Pattern[];
  selector?: string;
  text?: Pattern;
  properties: [string, PropertySource][];
  /** The names `fields` lists. */
  fields: string[];
  /** The fields (from `fields` or a `{ field, hidden: true }` property) that may be read from a hidden input. */
  hidden: string[];
  identify?: { email?: string; userId?: string; traits?: string[] };
  skipCancelled?: boolean;
  threshold?: number;
  minMs?: number;
  /** `scroll`'s depths, sorted. */
  percent?: number[];
  afterMs?: number;
  /** `destinations` as integration flags (`{ 'Customer.io': false }`), merged last into the event's `integrations`. */
  destinations?: Record<string, boolean>;
  /** Fires at most once per page view or session; absent: as the kind fires (every click, each scroll depth ...). */
  once?: 'page' | 'session';
}

/** Reads one option field of a definition: its value, or a problem recorded on `at` (the field's full name). */
export type Reader = (problems: Problems, at: string, value: unknown) => unknown;
