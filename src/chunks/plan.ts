// Entry of the on-demand tracking-plan piece (dist/tally-plan.js).
export { createPlanGate } from '../plan/gate';
