// Script-tag file dist/tally-plan.js: registers the plan piece for the loader in extensions.ts.
import { registerExtension } from '../extensions';
import * as piece from './plan';

registerExtension('plan', piece);
