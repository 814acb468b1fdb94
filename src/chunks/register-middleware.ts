// Script-tag file dist/tally-middleware.js: registers the middleware piece for the loader in extensions.ts.
import { registerExtension } from '../extensions';
import * as piece from './middleware';

registerExtension('middleware', piece);
