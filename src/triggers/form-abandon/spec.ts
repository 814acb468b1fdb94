// `on: 'formAbandon'`, a started form left unsubmitted when the page view ends: its spec (the runtime is piece.ts).
import { FORM_SPEC } from '../form-spec';
import type { TriggerSpec } from '../trigger';

/** The formAbandon trigger's spec. */
export const formAbandon: TriggerSpec = {
  kind: 'formAbandon',
  ...FORM_SPEC,
  piece: 'form-abandon',
  offer: { label: 'an abandon of its form (started, left unsubmitted)', name: (words) => `${words || 'Form'} Abandoned` },
};
