// Touches the DOM: `{ attr }`, `{ text: true }`, `{ selector }`, `{ closest }`, the matched element (or one inside it, or
// around it) and its attribute or text. The fallback kind: a source naming no other kind reads the element's text.
import { isPrivateFor } from '../tracker/form-field';
import { clip, textOf } from '../tracker/text';
import type { Source } from './source';

/** The element source; a private control (a password, a card field) is never read. */
export const elementSource: Source = {
  fields: { attr: 'string', text: 'true', selector: 'selector', closest: 'selector' },
  element: true,
  read(source, { definition, element }) {
    const scope = source.closest ? element?.closest(source.closest) : element;
    const target = source.selector ? scope?.querySelector(source.selector) : scope;
    if (!target || isPrivateFor(definition, target, source.selector ?? 'the element')) return undefined;
    return source.attr ? clip(target.getAttribute(source.attr)) : textOf(target);
  },
};
