// Touches window, document and history: the formAbandon piece (dist/tally-kind-form-abandon.js), the runtime of
// `on: 'formAbandon'`: a form a selector matches that was started (a focus or input inside it) and not submitted when
// the page view ends: at pagehide, or before a single-page-app route change.
// Sent synchronously in that handler, so it is queued like any event tracked at unload. Never reads a control's value.
import { targetOf } from '../../tracker/element';
import { listenForUrlChanges } from '../../tracker/url-changes';
import { createFormActivity, formName, formProperties, touchedForm, TOUCH_EVENTS, watchForms } from '../form-activity';
import type { KindPiece, TriggerContext, TriggerRuntime } from '../trigger';

/**
 * Calls `onLeave` before pushState or replaceState changes the URL (so a rule's trigger paths and the event's page are
 * the page the form was on), and after a back/forward navigation (popstate, hashchange), which the page learns of late.
 */
function beforeRouteChange(onLeave: () => void): void {
  for (const method of ['pushState', 'replaceState'] as const) {
    const original = history[method];
    history[method] = function (this: History, ...args: Parameters<History['pushState']>) {
      const next = args[2] == null ? undefined : new URL(String(args[2]), location.href).href;
      if (next !== undefined && next !== location.href) onLeave();
      original.apply(this, args);
    };
  }
  listenForUrlChanges(() => onLeave());
}

/** Fires the abandon rules of every started, unsubmitted form, once each; `reset` starts a new page view. */
function abandonAll(context: TriggerContext, forms: ReturnType<typeof createFormActivity>, reset: boolean): void {
  for (const [form, state] of forms.started()) {
    if (state.submitted) continue;
    for (const definition of context.definitions())
      if (!state.fired.has(definition.name) && form.matches(definition.selector as string)) {
        state.fired.add(definition.name);
        context.fire(definition, forms.facts(form, state));
      }
  }
  if (reset) forms.reset();
}

/** The formAbandon runtime: the form is the matched element; lastField is the last control touched. */
export const runtime: TriggerRuntime = {
  standard: formProperties,
  start(context) {
    const forms = createFormActivity();
    let watching = false;
    let stopped = false;
    const abandon = (reset: boolean) => stopped || abandonAll(context, forms, reset);
    const onHide = () => abandon(false);
    // A page restored from the back/forward cache is a new page view.
    const onShow = (event: Event) => (event as PageTransitionEvent).persisted && forms.reset();
    const watch = () => {
      if (watching) return;
      watching = true;
      // Capture on window: before the page's own pagehide listeners can stop it.
      addEventListener('pagehide', onHide, true);
      addEventListener('pageshow', onShow, true);
      beforeRouteChange(() => abandon(true));
    };
    const onTouch = (_event: Event, path: EventTarget[]) => {
      const touched = touchedForm(path);
      if (!touched || !context.definitions().length) return;
      forms.touch(touched.form, touched.control);
      watch();
    };
    const onSubmit = (_event: Event, path: EventTarget[]) => forms.submit(path[0] as Element);
    return {
      listeners: { ...Object.fromEntries(TOUCH_EVENTS.map((type) => [type, onTouch])), submit: onSubmit },
      stop() {
        // The history wrappers stay (another script may have wrapped them since); stopped, they do nothing.
        stopped = true;
        removeEventListener('pagehide', onHide, true);
        removeEventListener('pageshow', onShow, true);
      },
    };
  },
  explain: {
    events: ['submit'],
    match(definition, path, describe) {
      const form = targetOf(path);
      const selector = definition.selector as string;
      if (!form?.matches(selector)) return `selector ${selector} did not match (submitted ${describe(form)})`;
      return `${describe(form)} was submitted: not abandoned in this page view`;
    },
    watch(definitions, say) {
      watchForms((form, first) => {
        if (first)
          for (const definition of definitions())
            if (form.matches(definition.selector as string))
              say(definition, `${formName(form)} started; fires if the page view ends before a submit`);
      });
    },
  },
};

({ runtime }) satisfies KindPiece;
