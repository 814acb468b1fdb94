// Touches window: Cookiebot's public API (cookiebot.com/en/developer): `Cookiebot.consent.{necessary, preferences, statistics,
// marketing}`, `Cookiebot.hasResponse`, and the window events CookiebotOnConsentReady, CookiebotOnAccept, CookiebotOnDecline.
import { listen, page, type ConsentSource } from './source';

const CATEGORIES = ['necessary', 'preferences', 'statistics', 'marketing'];

interface Cookiebot {
  hasResponse?: boolean;
  consent?: Record<string, unknown>;
}

/** Cookiebot: `necessary | preferences | statistics | marketing`. */
export const cookiebot: ConsentSource = {
  name: 'cookiebot',
  label: 'Cookiebot',
  isCategory: (id) => CATEGORIES.includes(id),
  categories: "'necessary', 'preferences', 'statistics' or 'marketing'",
  necessary: ['necessary'],
  create() {
    let unlisten = () => {};
    return {
      start(changed) {
        unlisten = listen(['CookiebotOnConsentReady', 'CookiebotOnAccept', 'CookiebotOnDecline', 'CookiebotOnLoad'], changed);
      },
      read() {
        const bot = page().Cookiebot as Cookiebot | undefined;
        // Before the visitor answers, `consent` holds Cookiebot's defaults, not a choice.
        if (!bot || bot.hasResponse !== true || !bot.consent) return undefined;
        const choice: Record<string, boolean> = { '*': false };
        for (const category of CATEGORIES) choice[category] = bot.consent[category] === true;
        return choice;
      },
      stop: () => unlisten(),
    };
  },
};
