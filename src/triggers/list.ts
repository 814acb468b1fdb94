// The trigger kinds, in one list: the rules piece reads their fields, the tracker starts them, the preview explains them
// and the picker offers them, all from here. Adding a kind is one file in this folder plus one line below.
import { click } from './click';
import { submit } from './submit';
import { page } from './page';
import { formStart } from './form-start';
import { formAbandon } from './form-abandon';
import { visible } from './visible';
import { scroll } from './scroll';
import { timer } from './timer';
import { dataLayer } from './data-layer';
import type { Trigger } from './trigger';

/** Every trigger kind, in the order the picker offers them (and the tracker starts them). */
export const TRIGGERS: readonly Trigger[] = [click, submit, page, formStart, formAbandon, visible, scroll, timer, dataLayer];

/** The trigger of a definition's `on`, if it is a known kind. */
export const triggerOf = (kind: string | undefined): Trigger | undefined => TRIGGERS.find((trigger) => trigger.kind === kind);
