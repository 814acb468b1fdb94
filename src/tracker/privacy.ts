// Which form controls tally never reads (pure over DOM nodes), even when a rule lists them.

/** Nothing inside an element with this attribute produces rule events or is read. */
export const IGNORE_ATTRIBUTE = 'data-tally-ignore';

const PRIVATE_TYPES = /^(password|hidden|file)$/;
const PRIVATE_AUTOCOMPLETE = /\b(cc-|one-time-code|(new|current)-password)/;
/** Names and ids that look like card numbers, CVCs, passwords or national ids (PostHog's and Mixpanel's list, plus a few), tested without punctuation. */
const PRIVATE_NAMES =
  /^cc|cardnum|ccnum|creditcard|cvc|cvv|csc|seccode|securitycode|securitynum|pass|pwd|ssn|socialsec|socsec|nationalid|taxid|iban|routing/;

/**
 * True for a control whose value must never leave the page: password, hidden and file inputs, `autocomplete`
 * cc-*, one-time-code, new-password or current-password, a card/CVC/national-id name or id; or anything inside
 * `data-tally-ignore`.
 */
export function isPrivate(element: Element): boolean {
  const read = (name: string) => (element.getAttribute(name) || '').toLowerCase();
  return (
    (/^(INPUT|SELECT|TEXTAREA)$/.test(element.tagName) &&
      (PRIVATE_TYPES.test(read('type')) ||
        PRIVATE_AUTOCOMPLETE.test(read('autocomplete')) ||
        [read('name'), read('id')].some((name) => PRIVATE_NAMES.test(name.replace(/[^a-z\d]/g, ''))))) ||
    !!element.closest(`[${IGNORE_ATTRIBUTE}]`)
  );
}
