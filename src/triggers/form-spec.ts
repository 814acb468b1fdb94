// What the specs of formStart and formAbandon share: a form selector, and a check that no rule reads a control's value.
import type { Definition } from '../rules/types';
import type { TriggerSpec } from './trigger';

/** Form presets never read a control's value: `fields`, a `field` property or `identify` disable the rule, naming the field. */
export function readsNoValues(definition: Definition): { field: string; detail: string } | undefined {
  const detail = `${definition.on} rules never read form values (a started or abandoned form is not consent to send it); remove it`;
  if (definition.fields.length) return { field: 'fields', detail };
  const field = definition.properties.find(([, source]) => source.field);
  if (field) return { field: `properties.${field[0]}.field`, detail };
  return definition.identify ? { field: 'identify', detail } : undefined;
}

/** The spec fields formStart and formAbandon share. */
export const FORM_SPEC = {
  target: 'form',
  fields: { selector: 'selector' },
  required: ['selector'],
  check: readsNoValues,
} as const satisfies Partial<TriggerSpec>;
