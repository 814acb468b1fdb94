// The trigger seam (types only): what one kind of `on` brings to each piece that deals with rules. A kind has a spec (its
// fields and how the picker offers it: small, in list.ts, read by the rules reader and the picker) and a runtime (how it
// listens, fires and explains itself). The runtimes of click, submit and page are bundled in the tracker (runtimes.ts);
// any other kind is a folder src/triggers/<piece>/ with spec.ts and piece.ts, built to its own on-demand file
// (dist/tally-kind-<piece>.js) that the tracker and the preview load only when a rule in force uses it.
import type { Definition, Reader } from '../rules/types';
import type { JsonObject } from '../event/types';

/**
 * How an option field is read: by one of the rules piece's readers, named (a CSS selector, a text or URL pattern, a
 * boolean defaulting to false, a non-empty string), or by the kind's own reader for any other shape. Named readers keep
 * the reading code in the rules piece only: the tracker, debug and picker pieces bundle every kind, not its readers.
 */
export type FieldReader = 'selector' | 'pattern' | 'boolean' | 'string' | Reader;

/** What a rule points at: the picked element, its form, or the page itself (no selector). */
export type TriggerTarget = 'element' | 'form' | 'page';

/** What one firing hands to the property sources (src/tracker/properties.ts). */
export interface Facts {
  /** The element the rule matched: its standard properties, and what `attr`, `text`, `closest` and `field` sources read. */
  element?: Element;
  /** Properties of this firing itself (a scroll depth, a time on the page), after the standard ones. */
  properties?: JsonObject;
  /** What `data` sources read (`ecommerce.value`, a dot path): a data layer push first, then the state before it. */
  data?: (path: string) => unknown;
  /** Sends only when `later` calls back (a submit that may yet be cancelled), or never if it does not. */
  later?: (send: () => void) => void;
}

/** What the tracker gives a kind when it starts (src/tracker/tracker.ts). */
export interface TriggerContext {
  /** The raw load options a kind reads besides its rules (`dataLayer`), validated by the kind; null or absent when not set. */
  options: Readonly<Record<string, unknown>>;
  /** The definitions this runtime handles in force now (they change when a fresh rules document arrives). */
  definitions(): readonly Definition[];
  /** Calls `listener` after each change of the definitions in force. */
  onChange(listener: () => void): void;
  /** Whether a definition's trigger paths (`fire` / `dontFire`) let it fire on the page as it is now. */
  isFiredHere(definition: Definition): boolean;
  /** Reads the rule's properties now, from the facts of this firing, and sends them through the public API. */
  fire(definition: Definition, facts?: Facts): void;
  /** Sends an event no rule defines (a GA4 ecommerce push's Segment event) through the public API, marked with its name as the rule. */
  track(event: string, properties: JsonObject): void;
}

/** What a kind's start returns: its document listeners (capture phase) by DOM event type, and how to stop the rest. */
export interface Listening {
  /** Also handed the events of these types recorded while the tracker piece loaded, in the order they happened. */
  listeners?: Readonly<Record<string, (event: Event, path: EventTarget[]) => void>>;
  /** Stops what start began besides `listeners` (timers, observers). */
  stop?(): void;
}

/** How the debug preview (and, for DOM events, the picker's live test) explains this kind (src/debug/explain.ts). */
export interface Explainer {
  /** The DOM events explained one by one with `match` (the preview listens to them in the capture phase). */
  events?: readonly string[];
  /**
   * The element the definition matched on the event's composed path, or why it did not, in words
   * (`selector a.buy did not match (clicked <span>)`); `describe` names an element as the preview does.
   */
  match?(definition: Definition, path: readonly EventTarget[], describe: (element?: Element) => string): Element | string;
  /** A condition the fired line adds (`unless a handler cancels the submit`), if any. */
  note?(definition: Definition): string | undefined;
  /**
   * For hits and misses that are not one DOM event's (a scroll depth not reached, seen for 400 of 1000 ms): starts
   * watching the page for the preview, and says each one as it comes with `say(definition, found)`: the element it
   * matched, undefined for a hit without one, or the miss in words; `note` qualifies a hit (`scrolled to 50 %`). The
   * preview adds the path gate and destinations.
   */
  watch?(
    definitions: () => readonly Definition[],
    say: (definition: Definition, found: Element | string | undefined, note?: string) => void,
  ): void;
}

/** How the picker offers this kind for a picked element (src/picker/editor.ts); its `target` says what it points at. */
export interface Offer {
  /** The radio button's words: `a click on this element`. */
  label: string;
  /** The suggested event name from the target's first words (`Sign Up`, empty when it has none): `Sign Up Clicked`. */
  name(words: string): string;
  /** Whether the rule may also require the element's text (the picker shows the text checkbox). */
  text?: boolean;
  /** A number the person sets after the label (scroll's `percent`, the timer's `afterMs` in s): the field, a default, its unit, and the field's units per shown unit. */
  number?: { field: string; value: number; unit: string; scale?: number };
}

/** One trigger kind's spec: the value of a definition's `on`, its fields, and how the picker offers it (no runtime code). */
export interface TriggerSpec {
  /** The `on` value (`'click'`). */
  kind: string;
  /** What a rule of this kind points at: a selector's element, a form, or the page (no selector). */
  target: TriggerTarget;
  /** The option fields this kind reads, each with its reader; a bad value is reported naming the field. Kinds may share a field. */
  fields?: Readonly<Record<string, FieldReader>>;
  /** The fields a definition of this kind is disabled without (`required`). */
  required?: readonly string[];
  /** A problem across fields no one reader sees (a selector or a link preset), as the field and what is wrong; it disables the definition. */
  check?(definition: Definition): { field: string; detail: string } | undefined;
  /** How the picker offers it; without it the picker does not (a kind whose rule the picked element cannot say). */
  offer?: Offer;
  /**
   * The on-demand piece whose runtime handles a definition of this kind (its folder's name: src/triggers/<piece>/piece.ts),
   * or a function saying it per definition (a click rule with a link preset); none: a runtime the tracker bundles.
   */
  piece?: string | ((definition: Definition) => string | undefined);
  /** A load option that needs this kind's piece without any rule of the kind (`dataLayer`, for its GA4 ecommerce events). */
  option?: string;
}

/** One kind's runtime: what the tracker starts, the standard properties it sends and how the preview explains it. */
export interface TriggerRuntime {
  /** Starts listening for the definitions it handles (once per instance). */
  start(context: TriggerContext): Listening;
  /** The standard properties of the element a rule of this kind matched (`elementText`, `formId` ...). */
  standard?(element: Element): JsonObject;
  /** How the preview explains a hit or a miss; without it the preview is silent on this kind. */
  explain?: Explainer;
}

/** What a kind's piece (src/triggers/<piece>/piece.ts, dist/tally-kind-<piece>.js) exports. */
export interface KindPiece {
  runtime: TriggerRuntime;
}

/** Gets a kind's piece by its name: at once when it is already here (a test, a piece the page included), else on demand. */
export type LoadKind = (piece: string) => KindPiece | Promise<KindPiece>;
