// Touches location: `on: 'page'`, a view of a page. Fires at start for the current page and once per single-page-app
// route change, for each page rule whose trigger paths allow the page; a rules document that arrives later fires only
// the rules new to the view.
import { listenForUrlChanges } from '../tracker/url-changes';
import type { TriggerRuntime, TriggerSpec } from './trigger';

/** The page trigger: no selector, no DOM listener; the URL is its only fact. */
export const page: TriggerSpec = {
  kind: 'page',
  target: 'page',
  offer: { label: 'a view of this page', name: (words) => `${words || 'Page'} Viewed` },
};

/** The page runtime, bundled in the tracker. */
export const pageRuntime: TriggerRuntime = {
  start(context) {
    // Page rules fired for this view, by name: a rules document that arrives later fires only those new to the view.
    let firedInView = new Set<string>();
    const view = () => {
      for (const definition of context.definitions())
        if (!firedInView.has(definition.name) && context.isFiredHere(definition)) {
          firedInView.add(definition.name);
          context.fire(definition);
        }
    };
    let watching = false;
    const watch = () => {
      if (watching || !context.definitions().length) return;
      watching = true;
      listenForUrlChanges(() => {
        firedInView = new Set();
        view();
      });
    };
    view();
    watch();
    context.onChange(() => {
      view();
      watch();
    });
    return {};
  },
};
