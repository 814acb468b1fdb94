// Touches document: whether a rule's CSS selector is one the browser accepts, checked once when definitions are read.
import { attempt } from '../errors';

/** Whether the browser accepts a CSS selector (every selector passes where there is no document). */
export function isSelector(selector: string): boolean {
  return attempt(() => {
    if (typeof document === 'object') document.createDocumentFragment().querySelector(selector);
    return true;
  }, false);
}
