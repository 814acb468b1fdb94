// Touches window: OneTrust's public API (developer.onetrust.com, "Web CMP Events Guide"; Segment's analytics-consent-wrapper-onetrust).
// `OnetrustActiveGroups` is ",C0001,C0002," (the groups on); a choice exists once the banner is closed, or when none is shown.
import { listen, page, type ConsentSource } from './source';

interface OneTrust {
  IsAlertBoxClosed?(): boolean;
  GetDomainData?(): { ShowAlertNotice?: boolean };
  OnConsentChanged?(callback: () => void): void;
}

/** The choice in `OnetrustActiveGroups`: the groups listed are on, every other group off. */
export function readActiveGroups(groups: string): Record<string, boolean> {
  const choice: Record<string, boolean> = { '*': false };
  for (const id of groups.split(',')) if (id.trim()) choice[id.trim()] = true;
  return choice;
}

/** OneTrust: group ids such as `C0002` (`C0001` is strictly necessary, always on). */
export const onetrust: ConsentSource = {
  name: 'onetrust',
  label: 'OneTrust',
  // Group ids are upper case: C0001…C0005 and the site's own groups (C0006, SPD_BG, STACK42).
  isCategory: (id) => /^[A-Z][A-Z0-9_]*$/.test(id),
  categories: "OneTrust group ids such as 'C0002'",
  necessary: ['C0001'],
  create() {
    let changed = () => {};
    let hooked = false;
    let unlisten = () => {};
    const wrapper = () => {
      // OptanonWrapper is the site's own hook: keep calling what it held before tally.
      if (typeof previous === 'function') previous();
      changed();
    };
    let previous: unknown;
    return {
      start(callback) {
        changed = callback;
        // Fired at each load and each save, with the active groups; OTConsentApplied after the receipt is logged.
        unlisten = listen(['OneTrustGroupsUpdated', 'OTConsentApplied'], () => changed());
        previous = page().OptanonWrapper;
        page().OptanonWrapper = wrapper;
      },
      read() {
        const oneTrust = page().OneTrust as OneTrust | undefined;
        const groups = page().OnetrustActiveGroups;
        if (!oneTrust || typeof groups !== 'string' || typeof oneTrust.IsAlertBoxClosed !== 'function') return undefined;
        if (!hooked && typeof oneTrust.OnConsentChanged === 'function') {
          hooked = true;
          oneTrust.OnConsentChanged(() => changed());
        }
        // Under opt-in, the groups before a choice are only the necessary ones: not a denial, no choice yet.
        const chosen = oneTrust.IsAlertBoxClosed() || oneTrust.GetDomainData?.().ShowAlertNotice === false;
        return chosen ? readActiveGroups(groups) : undefined;
      },
      stop() {
        changed = () => {};
        unlisten();
        if (page().OptanonWrapper === wrapper) page().OptanonWrapper = previous;
      },
    };
  },
};
