// Touches document: `on: 'submit'`, a submit of the form a selector matches; with `skipCancelled`, only a submit no page
// handler cancelled. One capture-phase listener serves every submit rule.
import { targetOf } from '../tracker/element';
import { attributeOf } from '../tracker/text';
import type { TriggerRuntime, TriggerSpec } from './trigger';

/** The submit trigger: the form itself is the event's target, and the rule's fields are read from it. */
export const submit: TriggerSpec = {
  kind: 'submit',
  target: 'form',
  fields: { selector: 'selector', skipCancelled: 'boolean' },
  required: ['selector'],
  offer: { label: 'a submit of its form', name: (words) => `${words || 'Form'} Submitted` },
};

/** The submit runtime, bundled in the tracker. */
export const submitRuntime: TriggerRuntime = {
  start(context) {
    const onSubmit = (event: Event, path: EventTarget[]) => {
      const form = path[0] as Element;
      // Capture runs before the page's handlers: whether one cancelled the submit is known after its dispatch.
      const afterDispatch = (send: () => void) =>
        setTimeout(() => {
          if (!event.defaultPrevented) send();
        });
      for (const definition of context.definitions())
        if (form.matches?.(definition.selector as string))
          context.fire(definition, { element: form, later: definition.skipCancelled ? afterDispatch : undefined });
    };
    return { listeners: { submit: onSubmit } };
  },
  standard: (form) => ({ formId: attributeOf(form, 'id'), formName: attributeOf(form, 'name'), formAction: attributeOf(form, 'action') }),
  explain: {
    events: ['submit'],
    match(definition, path, describe) {
      const form = targetOf(path);
      const selector = definition.selector as string;
      return form?.matches(selector) ? form : `selector ${selector} did not match (submitted ${describe(form)})`;
    },
    note: (definition) => (definition.skipCancelled ? 'unless a handler cancels the submit (skipCancelled)' : undefined),
  },
};
