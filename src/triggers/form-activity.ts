// Touches the DOM's forms, never their values: which forms a person started in this page view, the controls they
// touched (by name) and whether they submitted, for the formStart and formAbandon kinds.
import { isIgnored, targetOf } from '../tracker/element';
import { listenForUrlChanges } from '../tracker/url-changes';
import { attributeOf } from '../tracker/text';
import type { Facts } from './trigger';

/** One started form in this page view. */
export interface FormState {
  startedAt: number;
  /** When a control was last touched. */
  touchedAt: number;
  /** The controls touched, each counted once. */
  touched: Set<Element>;
  /** The last touched control's `name` (else its `id`); never its value. */
  lastField?: string;
  submitted: boolean;
  /** The rules already fired for this form in this page view, by name. */
  fired: Set<string>;
}

/** The form of the control a focus or input event reached, with that control; undefined outside any form. */
export function touchedForm(path: readonly EventTarget[]): { form: HTMLFormElement; control: Element } | undefined {
  const control = targetOf(path);
  const form = (control as HTMLInputElement | undefined)?.form ?? (control?.closest('form') as HTMLFormElement | null);
  return control && form ? { form, control } : undefined;
}

/** The forms started in this page view: `touch` on each focus or input, `submit` on a submit, `reset` when a new view begins. */
export function createFormActivity(now: () => number = Date.now) {
  let forms = new Map<Element, FormState>();
  return {
    /** Records a touch of `control` in `form`; returns the form's state (new on its first touch). */
    touch(form: Element, control: Element): FormState {
      const at = now();
      const state = forms.get(form) ?? {
        startedAt: at,
        touchedAt: 0,
        touched: new Set<Element>(),
        submitted: false,
        fired: new Set<string>(),
      };
      forms.set(form, state);
      state.touchedAt = at;
      // The form's own focus (tabindex) is not a control.
      if (control !== form) {
        state.touched.add(control);
        state.lastField = attributeOf(control, 'name') || attributeOf(control, 'id') || state.lastField;
      }
      return state;
    },
    /** Marks a form submitted (a submit event, cancelled or not: a script that handles it sends it itself). */
    submit(form: Element): void {
      const state = forms.get(form);
      if (state) state.submitted = true;
    },
    /** The started forms of this page view, with their states. */
    started: (): [Element, FormState][] => [...forms],
    /** A new page view: no form is started. */
    reset(): void {
      forms = new Map();
    },
    /** The facts a firing for `form` sends: the form, and lastField, fieldsTouched and the ms from its start to `at`. */
    facts(form: Element, state: FormState, at = now()): Facts {
      const properties = { lastField: state.lastField, fieldsTouched: state.touched.size, msSinceStart: Math.max(0, at - state.startedAt) };
      return { element: form, properties };
    },
  };
}

/** The events that touch a form: the first focus or input inside it starts it. */
export const TOUCH_EVENTS = ['focusin', 'input'] as const;

/** The standard properties of a form rule's form: its id and name (never a control's value). */
export const formProperties = (form: Element) => ({ formId: attributeOf(form, 'id'), formName: attributeOf(form, 'name') });

/** A form as the preview names it: `form#lead`, else `form[name=lead]`, else `form`. */
export function formName(form: Element): string {
  if (form.id) return `form#${form.id}`;
  const name = form.getAttribute('name');
  return name ? `form[name=${name}]` : 'form';
}

/**
 * For the preview: calls `onTouch(form, first, type)` on each focus or input inside a form outside data-tally-ignore,
 * `first` on the form's first touch in this page view (a route change starts a new one).
 */
export function watchForms(onTouch: (form: HTMLFormElement, first: boolean, type: string) => void): void {
  let started = new Set<Element>();
  listenForUrlChanges(() => {
    started = new Set();
  });
  const onEvent = (event: Event) => {
    const path = event.composedPath();
    const form = isIgnored(path) ? undefined : touchedForm(path)?.form;
    if (!form) return;
    onTouch(form, !started.has(form), event.type);
    started.add(form);
  };
  for (const type of TOUCH_EVENTS) document.addEventListener(type, onEvent, true);
}
