// Touches localStorage and navigator: the part of consent the core keeps, what holds before the consent piece (src/consent/) loads.
import { attempt } from '../errors';

/** The localStorage key of the visitor's choice; written only when a choice is made. */
export const CONSENT_KEY = 'tally_consent';

/** The `consent` option as given; the consent piece validates it. */
export type ConsentOption = Record<string, unknown>;

/** How a page view starts. */
export interface ConsentStart {
  /** Something is granted, or nothing is required: cookies, localStorage and IndexedDB may be used now. */
  storing: boolean;
  /** `consent` is configured or a choice is stored: events wait for the consent piece. */
  decides: boolean;
}

/** The visitor's stored choice as JSON text; null when none or storage is blocked. */
export const readStoredChoice = (): string | null => attempt(() => localStorage.getItem(CONSENT_KEY), null);

/** Whether Global Privacy Control is on and the option honours it (https://privacycg.github.io/gpc-spec/). */
export function deniedByGPC(option: ConsentOption | null): boolean {
  return option?.honorGPC === true && (navigator as Navigator & { globalPrivacyControl?: boolean }).globalPrivacyControl === true;
}

/** Reads the stored choice and GPC: with `consent.required`, nothing is stored before a grant. */
export function startConsent(option: ConsentOption | null): ConsentStart {
  const stored = readStoredChoice();
  return {
    decides: !!option || stored !== null,
    storing: !deniedByGPC(option) && (stored === null ? option?.required !== true : grants(stored)),
  };
}

/** Whether a stored choice grants any category; false when it is unreadable. */
export const grants = (stored: string): boolean => attempt(() => Object.values(Object(JSON.parse(stored))).includes(true), false);
