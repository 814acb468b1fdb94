// `on: 'visible'`, an element a selector matches coming into view: its fields and offer (the runtime is piece.ts).
import { readInteger, reject } from '../../config/readers';
import type { Reader } from '../../rules/types';
import type { TriggerSpec } from '../trigger';

/** The longest `minMs`: a minute of unbroken view. */
const MAX_MIN_MS = 60 * 1000;

/** `threshold`: the share of the element in the viewport, 0 (any part) to 1 (all of it). */
const readThreshold: Reader = (problems, at, value) =>
  typeof value === 'number' && value >= 0 && value <= 1
    ? value
    : reject(problems, at, 'a share from 0 to 1 (0.5: half of the element)', value);

/** The visibility trigger's spec: a selector, how much of the element and for how long. */
export const visible: TriggerSpec = {
  kind: 'visible',
  target: 'element',
  fields: {
    selector: 'selector',
    threshold: readThreshold,
    minMs: (problems, at, value) => readInteger(problems, at, value, 0, 0, MAX_MIN_MS),
  },
  required: ['selector'],
  piece: 'visible',
  offer: { label: 'when it becomes visible', name: (words) => `${words || 'Element'} Seen` },
};
