/// <reference types="node" />
// Compile-time test: tally/edge's Node adapter declares its own request and response types (so its declarations need no
// @types/node), and node:http's server still takes it as a listener.
import { createServer } from 'node:http';
import { createEdge, toNodeListener } from '../../src/edge/index';

export const server = createServer(toNodeListener(createEdge({ segment: { writeKeys: ['KEY'] } })));
