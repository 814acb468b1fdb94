// Script-tag file dist/tally-debug.js: registers the debug piece for the loader in extensions.ts.
import { registerExtension } from '../extensions';
import * as piece from './debug';

registerExtension('debug', piece);
