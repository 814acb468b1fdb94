// Touches window.dataLayer: Google Consent Mode v2 as a consent source. An 'update' is the visitor's choice; defaults
// alone count only when they grant something (a region where consent is implied): a denying default means "not asked yet".
import { SIGNALS, createConsentModeLog } from '../consent-mode';
import { page, type ConsentSource } from './source';

/** Google Consent Mode v2: `ad_storage | analytics_storage | ad_user_data | ad_personalization`. */
export const gcm: ConsentSource = {
  name: 'gcm',
  label: 'Google Consent Mode',
  isCategory: (id) => (SIGNALS as readonly string[]).includes(id),
  categories: "'ad_storage', 'analytics_storage', 'ad_user_data' or 'ad_personalization'",
  create() {
    const log = createConsentModeLog();
    let restore = () => {};
    return {
      start(changed) {
        const layer = page().dataLayer as unknown[] | undefined;
        if (!Array.isArray(layer)) return;
        // gtag() pushes onto dataLayer: hear each push at once. gtag.js may replace push when it loads; the consent
        // piece also reads the log on every event and polls it until the first choice, so nothing is missed.
        const push = layer.push;
        layer.push = (...items: unknown[]) => {
          const length = push.apply(layer, items);
          changed();
          return length;
        };
        restore = () => {
          layer.push = push;
        };
      },
      read() {
        const state = log();
        const granted = Object.values(state.signals).includes(true);
        return state.updated || granted ? { '*': false, ...state.signals } : undefined;
      },
      stop: () => restore(),
    };
  },
};
