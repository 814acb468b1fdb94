// Touches document: `on: 'formStart'`, the first focus or input inside the form a selector matches, once per form and
// rule in a page view (a single-page-app route change starts a new one). Never reads a control's value.
import { targetOf } from '../tracker/element';
import { listenForUrlChanges } from '../tracker/url-changes';
import { createFormActivity, FORM_KIND, touchedForm, TOUCH_EVENTS } from './form-activity';
import type { Trigger } from './trigger';

/** The formStart trigger: the form is the matched element; lastField is the control that started it. */
export const formStart: Trigger = {
  kind: 'formStart',
  ...FORM_KIND,
  start(context) {
    const forms = createFormActivity();
    let watching = false;
    const onTouch = (_event: Event, path: EventTarget[]) => {
      const touched = touchedForm(path);
      if (!touched || !context.definitions().length) return;
      const state = forms.touch(touched.form, touched.control);
      for (const definition of context.definitions())
        if (!state.fired.has(definition.name) && touched.form.matches(definition.selector as string)) {
          state.fired.add(definition.name);
          // Measured to the touch that fired it: 0 for the first.
          context.fire(definition, forms.facts(touched.form, state, state.touchedAt));
        }
      if (!watching) listenForUrlChanges(forms.reset);
      watching = true;
    };
    const listeners = Object.fromEntries(TOUCH_EVENTS.map((type) => [type, onTouch]));
    return { listeners };
  },
  explain: {
    events: TOUCH_EVENTS,
    match(definition, path, describe) {
      const form = touchedForm(path)?.form;
      const selector = definition.selector as string;
      if (!form) return `not inside a form (touched ${describe(targetOf(path))})`;
      return form.matches(selector) ? form : `selector ${selector} did not match (touched a control of ${describe(form)})`;
    },
    note: () => 'once per form in this page view',
  },
  offer: { label: 'a start of its form (first focus or input)', name: (words) => `${words || 'Form'} Started` },
};
