// `{ value: 3 }`: a constant.
import type { Source } from './source';

/** The constant source. */
export const valueSource: Source = { fields: { value: 'any' }, read: (source) => source.value };
