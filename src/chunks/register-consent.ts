// Script-tag file dist/tally-consent.js: registers the consent piece for the loader in extensions.ts.
import { registerExtension } from '../extensions';
import * as piece from './consent';

registerExtension('consent', piece);
