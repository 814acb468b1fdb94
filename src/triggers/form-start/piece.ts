// Touches document: the formStart piece (dist/tally-kind-form-start.js), the runtime of `on: 'formStart'`: the first
// focus or input inside the form a selector matches, once per form and rule in a page view (a single-page-app route change starts a new one). Never reads a control's value.
import { listenForUrlChanges } from '../../tracker/url-changes';
import { createFormActivity, formName, formProperties, touchedForm, TOUCH_EVENTS, watchForms } from '../form-activity';
import type { KindPiece, TriggerRuntime } from '../trigger';

/** The formStart runtime: the form is the matched element; lastField is the control that started it. */
export const runtime: TriggerRuntime = {
  standard: formProperties,
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
    // Watched, not explained per event: a start fires once per form in a page view, and the misses say so.
    watch(definitions, say) {
      watchForms((form, first, type) => {
        for (const definition of definitions()) {
          const selector = definition.selector as string;
          if (form.matches(selector)) {
            if (first) say(definition, form);
            else if (type === 'focusin') say(definition, `already fired for ${formName(form)} in this page view`);
          } else if (first) say(definition, `selector ${selector} did not match (started ${formName(form)})`);
        }
      });
    },
  },
};

({ runtime }) satisfies KindPiece;
