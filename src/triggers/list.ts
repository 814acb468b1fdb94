// The trigger kinds' specs, in one list: the rules piece reads their fields and the picker offers them, all from here;
// the tracker and the preview find each definition's runtime through it (runtimes.ts). Adding a kind is one folder in
// this folder (spec.ts and piece.ts) plus one line below.
import { click } from './click';
import { submit } from './submit';
import { page } from './page';
import { formStart } from './form-start/spec';
import { formAbandon } from './form-abandon/spec';
import { visible } from './visible/spec';
import { scroll } from './scroll/spec';
import { timer } from './timer/spec';
import { dataLayer } from './data-layer/spec';
import type { TriggerSpec } from './trigger';

/** Every trigger kind's spec, in the order the picker offers them. */
export const TRIGGERS: readonly TriggerSpec[] = [click, submit, page, formStart, formAbandon, visible, scroll, timer, dataLayer];

/** The spec of a definition's `on`, if it is a known kind. */
export const triggerOf = (kind: string | undefined): TriggerSpec | undefined => TRIGGERS.find((trigger) => trigger.kind === kind);
