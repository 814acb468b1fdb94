// Entry of the on-demand analytics.js extras piece (dist/tally-extras.js): the ajs_ query string, trackLink, trackForm.
export { applyQueryString } from '../extras/query-string';
export { bindLinks, bindForms } from '../extras/track-link';
