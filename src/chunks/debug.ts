// Entry of the on-demand debug view (dist/tally-debug.js).
export { showOverlay } from '../debug/overlay';
