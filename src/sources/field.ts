// `{ field: 'plan' }`: a named control of the matched element's form (`hidden: true` opts a hidden input in).
import { readField } from '../tracker/form-field';
import type { Source } from './source';

/** The form field source. */
export const fieldSource: Source = {
  fields: { field: 'string', hidden: 'true' },
  required: 'field',
  element: true,
  read: (source, { definition, element }) => readField(definition, element, source.field as string),
};
