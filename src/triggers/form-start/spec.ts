// `on: 'formStart'`, the first focus or input inside a form: its spec (the runtime is piece.ts).
import { FORM_SPEC } from '../form-spec';
import type { TriggerSpec } from '../trigger';

/** The formStart trigger's spec. */
export const formStart: TriggerSpec = {
  kind: 'formStart',
  ...FORM_SPEC,
  piece: 'form-start',
  offer: { label: 'a start of its form (first focus or input)', name: (words) => `${words || 'Form'} Started` },
};
