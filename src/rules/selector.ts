// Touches document: whether a rule's CSS selector is one the browser accepts, checked once when definitions are read.
import { attempt } from '../api/errors';
import { describe, readString } from '../config/readers';
import type { Reader } from './types';

/** Whether the browser accepts a CSS selector (every selector passes where there is no document). */
export function isSelector(selector: string): boolean {
  return attempt(() => {
    if (typeof document === 'object') document.createDocumentFragment().querySelector(selector);
    return true;
  }, false);
}

/** Reads a CSS selector option, reporting one the browser rejects. */
export const readSelector: Reader = (problems, at, value) => {
  const selector = readString(problems, at, value);
  if (selector && !isSelector(selector)) problems.add(at, `invalid CSS selector ${describe(selector)}`);
  return selector;
};
