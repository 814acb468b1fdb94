// Entry of the on-demand analytics.js extras piece (dist/tally-extras.js): the ajs_ query string, trackLink, trackForm.
// Loaded when the URL carries ajs_ parameters (and useQueryString is on) or trackLink / trackForm is called.
import { applyQueryString } from './query-string';
import { bindForms, bindLinks } from './track-link';
import type { Host } from '../api/analytics';

type Bind = typeof bindLinks extends (analytics: never, timeoutMs: never, ...rest: infer Rest) => void ? Rest : never;

/** Applies the ajs_ parameters of `search` (identify, track, anonymousId). */
export const queryString = (host: Host, search: string): void => applyQueryString(host.analytics, search);
/** `analytics.trackLink(elements, event, properties)`. */
export const trackLink = (host: Host, ...args: Bind): void => bindLinks(host.analytics, () => host.timeoutMs, ...args);
/** `analytics.trackForm(elements, event, properties)`. */
export const trackForm = (host: Host, ...args: Bind): void => bindForms(host.analytics, () => host.timeoutMs, ...args);
