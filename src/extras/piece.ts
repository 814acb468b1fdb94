// Entry of the on-demand analytics.js extras piece (dist/tally-extras.js): the ajs_ query string, trackLink, trackForm,
// cross-domain links. Loaded when the URL carries ajs_ parameters (and useQueryString is on), trackLink / trackForm is
// called, or `crossDomain` is set.
import { applyQueryString } from './query-string';
import { bindForms, bindLinks } from './track-link';
import { decorateCrossDomainLinks } from './cross-domain-links';
import type { PieceContext, Pieces } from '../pieces/contract';

type Bind = typeof bindLinks extends (analytics: never, timeoutMs: never, ...rest: infer Rest) => void ? Rest : never;

/** Applies the ajs_ parameters of `search` (identify, track, anonymousId). */
export const queryString = (context: PieceContext, search: string): void => applyQueryString(context.analytics, search);
/** `analytics.trackLink(elements, event, properties)`. */
export const trackLink = (context: PieceContext, ...args: Bind): void => bindLinks(context.analytics, context.linkTimeoutMs, ...args);
/** `analytics.trackForm(elements, event, properties)`. */
export const trackForm = (context: PieceContext, ...args: Bind): void => bindForms(context.analytics, context.linkTimeoutMs, ...args);

/** `crossDomain`: links to its domains carry the anonymousId when clicked. */
export const crossDomainLinks = (context: PieceContext): void =>
  decorateCrossDomainLinks(context.config.crossDomain ?? [], () => context.analytics.user().anonymousId());

({ queryString, trackLink, trackForm, crossDomainLinks }) satisfies Pieces['extras'];
