// The shapes of an event definition (types only): as a site writes it in `events`, and as the rules piece compiles it.
// Apart from definitions.ts so the trigger kinds (src/triggers/) can name them without importing the reader that lists them.
import type { Problems } from '../config/readers';
import type { Pattern } from './url-pattern';

/** Where a property's value comes from (one kind; `selector` may add `closest` and `attr` or `text`). */
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
}

/** Reads one option field of a definition: its value, or a problem recorded on `at` (the field's full name). */
export type Reader = (problems: Problems, at: string, value: unknown) => unknown;
