// The consent sources tally reads, by `consent.from`: a new CMP is one file in sources/ and one line here.
import { onetrust } from './onetrust';
import { cookiebot } from './cookiebot';
import { tcf } from './tcf';
import { gcm } from './gcm';
import type { ConsentSource } from './source';

/** Every consent source; config validation, the error messages and the consent piece read this list. */
export const SOURCES: readonly ConsentSource[] = [onetrust, cookiebot, tcf, gcm];
