// Which form controls tally never reads (pure over DOM nodes), even when a rule lists them.
import type { Definition } from '../rules/types';

/** Nothing inside an element with this attribute produces rule events or is read. */
export const IGNORE_ATTRIBUTE = 'data-tally-ignore';

const PRIVATE_TYPES = /^(password|hidden|file)$/;
const PRIVATE_AUTOCOMPLETE = /\b(cc-|one-time-code|(new|current)-password)/;
/** Names and ids that look like card numbers, CVCs, passwords or national ids (PostHog's and Mixpanel's list, plus a few), tested without punctuation. */
const PRIVATE_NAMES =
  /^cc|cardnum|ccnum|creditcard|cvc|cvv|csc|seccode|securitycode|securitynum|pass|pwd|ssn|socialsec|socsec|nationalid|taxid|iban|routing/;

/** Whether a control's name or id looks like a card number, CVC, password or national id (tested lower-cased, without punctuation). */
export const isPrivateName = (name: string) => PRIVATE_NAMES.test(name.toLowerCase().replace(/[^a-z\d]/g, ''));

/**
 * True for a control whose value must never leave the page: password, hidden and file inputs, `autocomplete`
 * cc-*, one-time-code, new-password or current-password, a card/CVC/national-id name or id; or anything inside
 * `data-tally-ignore`. `allowHidden` (a rule's explicit opt-in) lets a hidden input through, never the others.
 */
export function isPrivate(element: Element, allowHidden = false): boolean {
  const read = (name: string) => (element.getAttribute(name) || '').toLowerCase();
  const type = read('type');
  return (
    (/^(INPUT|SELECT|TEXTAREA)$/.test(element.tagName) &&
      ((PRIVATE_TYPES.test(type) && !(allowHidden && type === 'hidden')) ||
        PRIVATE_AUTOCOMPLETE.test(read('autocomplete')) ||
        [read('name'), read('id')].some(isPrivateName))) ||
    !!element.closest(`[${IGNORE_ATTRIBUTE}]`)
  );
}

/**
 * The form fields a definition names that can never be read, whatever the page holds (a password, card or id name),
 * each as a warning naming the event and field: flagged when the rules are read, not at the first submit.
 */
export function unreadFields(definition: Definition): string[] {
  const named = [...definition.fields, ...definition.properties.flatMap(([, source]) => source.field ?? [])];
  return [...new Set(named.filter(isPrivateName))].map(
    (name) => `events[${JSON.stringify(definition.name)}]: field "${name}" is never read (a password, card or id name)`,
  );
}

/**
 * The form fields a definition names without the hidden opt-in that are hidden inputs on this page (`root`), each as a
 * warning saying how to opt in: such a field is never read, so the event would go without it and nobody would know why.
 * @example hiddenFields(definition, document) // ['events["Signup"]: field "utm_source" is a hidden input, …']
 */
export function hiddenFields(definition: Definition, root: ParentNode): string[] {
  const hiddenOnPage = new Set([...root.querySelectorAll('input[type="hidden" i]')].map((input) => input.getAttribute('name')));
  const named = [...definition.fields, ...definition.properties.flatMap(([, source]) => source.field ?? [])];
  return [...new Set(named)]
    .filter((name) => hiddenOnPage.has(name) && !definition.hidden.includes(name) && !isPrivateName(name))
    .map(
      (name) =>
        `events[${JSON.stringify(definition.name)}]: field "${name}" is a hidden input, which is not read without the opt-in; it is sent without it. List it as { name: '${name}', hidden: true } in fields (or add hidden: true to its { field } property)`,
    );
}
