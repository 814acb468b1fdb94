// The trigger kinds, in one list: the rules piece reads their fields, the tracker starts them, the preview explains them
// and the picker offers them, all from here. Adding a kind is one file in this folder plus one line below.
import { page } from './page';
import { click } from './click';
import { submit } from './submit';
import type { Trigger } from './trigger';

/** Every trigger kind, in the order the tracker starts them (page rules fire at start, before recorded clicks). */
export const TRIGGERS: readonly Trigger[] = [page, click, submit];

/** The trigger of a definition's `on`, if it is a known kind. */
export const triggerOf = (kind: string | undefined): Trigger | undefined => TRIGGERS.find((trigger) => trigger.kind === kind);
