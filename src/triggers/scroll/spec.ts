// `on: 'scroll'`, the page scrolled to each of `percent`'s depths: its field and offer (the runtime is piece.ts).
import { reject } from '../../config/readers';
import type { Reader } from '../../rules/types';
import type { TriggerSpec } from '../trigger';

/** `percent`: a whole percent 1-100 or a list of them, read as a sorted list without repeats. */
const readPercent: Reader = (problems, at, value) => {
  const list = [value].flat();
  const bad = list.findIndex((item) => !(Number.isInteger(item) && (item as number) >= 1 && (item as number) <= 100));
  if (!list.length || bad >= 0)
    return reject(
      problems,
      Array.isArray(value) && list.length ? `${at}[${bad}]` : at,
      'a whole percent 1-100, or a list of them',
      list[bad] ?? value,
    );
  return [...new Set(list as number[])].sort((a, b) => a - b);
};

/** The scroll trigger's spec: no selector; the page's scroll depth is its fact. */
export const scroll: TriggerSpec = {
  kind: 'scroll',
  target: 'page',
  fields: { percent: readPercent },
  required: ['percent'],
  piece: 'scroll',
  offer: {
    label: 'scrolled to',
    number: { field: 'percent', value: 50, unit: '% of the page' },
    name: (words) => `${words || 'Page'} Scrolled`,
  },
};
