// A property source's `as` (pure): turns the text a source read into a number or a boolean by documented rules
// (docs/nocode.md "Property sources"), so "$1,299.00" and "1.299,00 €" both send 1299.

/** What `as` may ask for. */
export type Conversion = 'number' | 'boolean';

/** The conversions `as` accepts, for its reader. */
export const CONVERSIONS: readonly Conversion[] = ['number', 'boolean'];

/** Words read as true or false (lower-cased, trimmed); anything else is no boolean. */
const TRUE_WORDS = ['true', 'yes', 'y', 'on', '1'];
const FALSE_WORDS = ['false', 'no', 'n', 'off', '0', ''];

/**
 * A price or amount in text as a number, or undefined when the text holds none. Currency signs, letters and spaces are
 * dropped. Separators: with both `.` and `,`, the last one is the decimal point ("1.299,00" and "1,299.00"); a single
 * kind that appears twice or more groups thousands ("1,000,000"); one separator followed by exactly three digits groups
 * thousands ("1,299" and "1.299" are 1299) unless the number before it is 0 ("0.125"); otherwise it is the decimal point
 * ("12,5" is 12.5). A minus sign before the digits makes it negative.
 */
export function toNumber(text: string): number | undefined {
  const negative = /-\s*[\d.,]/.test(text) && !/\d.*-/.test(text);
  // A trailing separator ends a sentence or a price ("5.-"); a leading one lacks its 0 (".5").
  const digits = text
    .replace(/[^\d.,]/g, '')
    .replace(/[.,]+$/, '')
    .replace(/^(?=[.,])/, '0');
  if (!/\d/.test(digits)) return undefined;
  const separators = digits.replace(/\d/g, '');
  const decimal = decimalOf(digits, separators);
  const [whole, fraction = ''] = decimal ? splitAtLast(digits, decimal) : [digits];
  const value = Number(`${whole.replace(/[.,]/g, '')}.${fraction || '0'}`);
  if (!Number.isFinite(value)) return undefined;
  return negative ? -value : value;
}

/** The decimal separator of a number's digits and separators, or undefined when every separator groups thousands. */
function decimalOf(digits: string, separators: string): string | undefined {
  if (!separators) return undefined;
  const last = separators[separators.length - 1];
  if (separators.includes('.') && separators.includes(',')) return last;
  if (separators.length > 1) return undefined;
  const [before, after] = splitAtLast(digits, last);
  return after.length === 3 && Number(before) !== 0 ? undefined : last;
}

function splitAtLast(text: string, separator: string): [string, string] {
  const at = text.lastIndexOf(separator);
  return [text.slice(0, at), text.slice(at + 1)];
}

/** A yes/no value: booleans as they are, numbers as non-zero, and the words of TRUE_WORDS / FALSE_WORDS; undefined otherwise. */
export function toBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isNaN(value) ? undefined : value !== 0;
  if (typeof value !== 'string') return undefined;
  const word = value.trim().toLowerCase();
  if (TRUE_WORDS.includes(word)) return true;
  return FALSE_WORDS.includes(word) ? false : undefined;
}

/** A source's value converted as `as` asks (undefined when it cannot be); without `as`, the value as read. */
export function convert(value: unknown, as: Conversion | undefined): unknown {
  if (!as || value === undefined || value === null) return value;
  if (as === 'boolean') return toBoolean(value);
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  return typeof value === 'string' ? toNumber(value) : undefined;
}
