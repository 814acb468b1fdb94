// Which ids, classes and data attributes a build tool or framework made up (pure): the selector generator leaves them out,
// because they change with the next deploy (css-1x2y3z, sc-AxjAm, Home_main__nLjiQ, :r1:) or with the element's state.

/** Class prefixes of CSS-in-JS and scoped-style tools whose rest is a hash: emotion, styled-components, styled-jsx, svelte, JSS, MUI makeStyles. */
const TOOL_PREFIX = /^(css|sc|jsx|svelte|emotion|styled|jss|makeStyles|tw)-|^jss\d/i;
/** A CSS Modules name: `Block_name__hash` or `_name_hash`, the hash holding a digit or an upper-case letter. */
const CSS_MODULE = /__[\w-]*[A-Z\d][\w-]*$|^_[\w-]*_[\w-]*\d[\w-]*$/;
/** Classes that say what state the element is in (they come and go as the person hovers or opens it), and framework bookkeeping. */
const STATE =
  /^(active|hover|hovered|focus|focused|focus-visible|selected|open|opened|closed|disabled|current|visible|hidden|show|shown|collapsed|expanded|checked|loading|ng-.*|is-.*|has-.*)$/i;
/** Ids frameworks generate: React's useId (`:r1:`, `«r1»`), Ember, Radix, Headless UI, MUI, `__next`-style ids, UUIDs. */
const GENERATED_ID = /[:«»]|^(ember|radix-|headlessui-|mui-|rc[-_]|react-|__)|[\da-f]{8}-[\da-f]{4}-|^\d/i;
/** Data attributes that hold a framework's state or a generated name, never something a person picked out. */
const SKIPPED_DATA =
  /^data-(v-|reactid|reactroot|react-|styled|emotion|radix-|headlessui-|state|focus|hover|active|open|selected|orientation|tally-)/i;

/**
 * Whether a token (a class, or a piece of one between `-` and `_`) looks like a hash: at least five characters mixing
 * letters with two or more digits (`e1abc2d0`, `3xYz1`), so ordinary names (`col-md-6`, `h3`, `btn-primary`) pass.
 */
export function looksHashed(token: string): boolean {
  return token.length >= 5 && /[a-z]/i.test(token) && (token.match(/\d/g)?.length ?? 0) >= 2;
}

/** Whether a class was made by a tool or names a passing state (`css-1x2y3z`, `sc-AxjAm`, `Button_primary__3xYz1`, `is-active`). */
export function isGeneratedClass(name: string): boolean {
  return TOOL_PREFIX.test(name) || CSS_MODULE.test(name) || STATE.test(name) || name.split(/[-_]+/).some(looksHashed);
}

/** Whether an id is one a person or the site's own code wrote, not a framework's counter or a UUID. */
export function isStableId(id: string): boolean {
  return !!id && !GENERATED_ID.test(id) && !id.split(/[-_]+/).some(looksHashed);
}

/** Whether a value can go inside a double-quoted CSS attribute selector as is, and is short enough to read in a rule. */
export function isPlainValue(value: string): boolean {
  return value.length <= 64 && !/["\\\n\r\f]/.test(value);
}

/** The element's classes worth a selector, in their written order: not generated, not a state, no characters to escape (`md:flex`, `w-1/2`). */
export function stableClasses(element: Element): string[] {
  return Array.from(element.classList).filter((name) => /^-?[a-z_][\w-]*$/i.test(name) && !isGeneratedClass(name));
}

/** The element's data attributes worth a selector, test ids first (data-testid, data-test, data-cy, data-qa), then the others in written order. */
export function stableDataAttributes(element: Element): Attr[] {
  const rank = (name: string) => (/^data-(test-?id|test|cy|qa|track(ing)?|analytics)$/i.test(name) ? 0 : 1);
  return Array.from(element.attributes)
    .filter(({ name, value }) => name.startsWith('data-') && !SKIPPED_DATA.test(name) && isPlainValue(value) && !looksHashed(value))
    .sort((a, b) => rank(a.name) - rank(b.name));
}
