// The start of a page-wide kind (scroll, timer) that watches the page only once it has rules: a page without them adds
// no listener and leaves history alone.
import type { TriggerContext } from './trigger';

/**
 * Calls `watch` once the kind has definitions in force (now or after a change) and its returned check after each
 * later change, so rules that arrive with a fresh document are looked at at once.
 */
export function whenDefined(context: TriggerContext, watch: () => () => void): void {
  let check: (() => void) | undefined;
  const begin = () => {
    if (check) check();
    else if (context.definitions().length) check = watch();
  };
  begin();
  context.onChange(begin);
}
