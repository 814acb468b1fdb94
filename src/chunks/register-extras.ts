// Script-tag file dist/tally-extras.js: registers the extras piece for the loader in extensions.ts.
import { registerExtension } from '../extensions';
import * as piece from './extras';

registerExtension('extras', piece);
