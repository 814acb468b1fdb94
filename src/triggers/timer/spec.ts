// `on: 'timer'`, a page visible for `afterMs` in total in one page view: its field and offer (the runtime is piece.ts).
import { readInteger } from '../../config/readers';
import type { TriggerSpec } from '../trigger';

/** The longest `afterMs`: a day of visible time. */
const MAX_AFTER_MS = 24 * 60 * 60 * 1000;

/** The timer trigger's spec: no selector; the page's visible time is its fact. */
export const timer: TriggerSpec = {
  kind: 'timer',
  target: 'page',
  fields: { afterMs: (problems, at, value) => readInteger(problems, at, value, 0, 0, MAX_AFTER_MS) },
  required: ['afterMs'],
  piece: 'timer',
  offer: {
    label: 'after',
    number: { field: 'afterMs', value: 30, unit: 's on the page', scale: 1000 },
    name: (words) => `${words || 'Page'} Engaged`,
  },
};
