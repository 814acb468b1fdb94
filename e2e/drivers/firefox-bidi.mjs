#!/usr/bin/env node
// Starts Firefox ESR for Playwright's `moz-firefox` channel, with a WebDriver BiDi relay in front of it. Playwright 1.65 sends
// commands that Firefox ESR does not implement yet (emulation.setMediaFeaturesOverride, asked for by every newContext());
// the relay answers those with an empty success when Firefox calls them unknown, and passes everything else through.
// Playwright runs this file as the browser: it reads "WebDriver BiDi listening on ws://…" from its output, so the relay
// prints its own address there. Playwright kills the whole process group when it closes, Firefox included.
import { spawn } from 'node:child_process';
import { WebSocket, WebSocketServer } from 'ws';

/** Commands a test can do without: answered with success when the browser says `unknown command`. */
export const TOLERATED = new Set(['emulation.setMediaFeaturesOverride']);

const FIREFOX = process.env.TALLY_FIREFOX_PATH || '/usr/bin/firefox-esr';
const LISTENING = /WebDriver BiDi listening on (ws:\/\/\S+)/;

const firefox = spawn(FIREFOX, process.argv.slice(2), { stdio: ['ignore', 'pipe', 'pipe'] });
firefox.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, () => firefox.kill(signal));
firefox.stdout.pipe(process.stdout);
let buffered = '';
firefox.stderr.on('data', (chunk) => {
  buffered += chunk;
  const lines = buffered.split('\n');
  buffered = lines.pop();
  for (const line of lines) {
    const match = LISTENING.exec(line);
    if (match) relay(match[1]).then((address) => process.stderr.write(line.replace(match[1], address) + '\n'));
    else process.stderr.write(line + '\n');
  }
});

/** Listens on a free loopback port and connects each client to the same path on `upstream`; resolves with its address. */
function relay(upstream) {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false, maxPayload: 256 * 1024 * 1024 });
  server.on('connection', (client, request) => {
    const browser = new WebSocket(upstream + request.url.replace(/^\/+/, '/').replace(/^\/$/, ''), {
      perMessageDeflate: false,
      maxPayload: 256 * 1024 * 1024,
    });
    const early = [];
    const asked = new Map(); // id → method, for the tolerated commands in flight
    browser.on('open', () => early.splice(0).forEach((data) => browser.send(data)));
    client.on('message', (data) => {
      const text = data.toString();
      const message = parse(text);
      if (message && TOLERATED.has(message.method)) asked.set(message.id, message.method);
      if (browser.readyState === WebSocket.OPEN) browser.send(text);
      else early.push(text);
    });
    browser.on('message', (data) => {
      const text = data.toString();
      const message = asked.size ? parse(text) : undefined;
      if (message && asked.has(message.id)) {
        asked.delete(message.id);
        if (message.type === 'error' && message.error === 'unknown command')
          return client.send(JSON.stringify({ type: 'success', id: message.id, result: {} }));
      }
      client.send(text);
    });
    const closeBoth = () => {
      client.close();
      browser.close();
    };
    client.on('close', closeBoth);
    browser.on('close', closeBoth);
    client.on('error', closeBoth);
    browser.on('error', closeBoth);
  });
  return new Promise((resolve) => server.on('listening', () => resolve(`ws://127.0.0.1:${server.address().port}`)));
}

function parse(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
