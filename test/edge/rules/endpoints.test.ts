// The edge as the rules host, through createEdge: serving (ETag, 304, preview), publishing with If-Match (412, 428),
// validation by the SDK's readers (400 naming the field), size and nesting limits, same-origin editing, bearer tokens
// never echoed or logged, and wrong tokens rate limited.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEdge, memoryStore, type RulesStore } from '../../../src/edge/index';
import { MAX_REFUSED } from '../../../src/edge/rules/refusals';
import { signPreview, verifyPreview } from '../../../src/edge/rules/preview-token';
import { previewKeyFor } from '../../../src/edge/rules/editors';

const TOKEN = 'marketing-token-0123456789';
const OTHER = 'product-token-abcdefghijkl';
const SITE = 'https://shop.example';
const editors = [
  { name: 'marketing', token: TOKEN },
  { name: 'product', token: OTHER },
];
const signup = { on: 'click', selector: '.signup' };

afterEach(() => vi.restoreAllMocks());

/** A memory store whose next two list() calls each wait for the other: two writes then both see the same latest version. */
function racingStore() {
  const inner = memoryStore();
  const waiting: (() => void)[] = [];
  let armed = false;
  const store: RulesStore = {
    ...inner,
    async list(prefix) {
      const keys = await inner.list(prefix);
      if (armed)
        await new Promise<void>((resolve) => {
          waiting.push(resolve);
          if (waiting.length === 2) {
            armed = false;
            for (const release of waiting.splice(0)) release();
          }
        });
      return keys;
    },
  };
  return {
    store,
    arm() {
      armed = true;
    },
  };
}

function setup(store: RulesStore = memoryStore()) {
  const edge = createEdge({ rules: { store, editors } });
  const send = (path: string, init: RequestInit & { token?: string; ip?: string } = {}) => {
    const headers = new Headers(init.headers);
    if (init.token) headers.set('authorization', `Bearer ${init.token}`);
    if (init.method && init.method !== 'GET' && !headers.has('origin')) headers.set('origin', SITE);
    return edge(new Request(SITE + path, { ...init, headers }), { clientAddress: init.ip ?? '198.51.100.7' });
  };
  const publish = (document: unknown, ifMatch: string | null, token = TOKEN) =>
    send('/t/rules', { method: 'PUT', token, body: JSON.stringify(document), headers: ifMatch === null ? {} : { 'if-match': ifMatch } });
  return { edge, send, publish };
}

describe('GET {base}/rules', () => {
  it('answers an empty document before any publish, then the published one with its ETag, and 304 for it', async () => {
    const { send, publish } = setup();
    const empty = await send('/t/rules');
    expect([empty.status, empty.headers.get('etag'), empty.headers.get('x-tally-rules'), await empty.json()]).toEqual([
      200,
      '"0"',
      'edge',
      { version: '0', events: {} },
    ]);
    expect((await publish({ events: { Signup: signup } }, '"0"')).status).toBe(200);
    const published = await send('/t/rules');
    expect([published.headers.get('etag'), published.headers.get('cache-control'), await published.json()]).toEqual([
      '"1"',
      'no-cache',
      { version: '1', events: { Signup: signup } },
    ]);
    expect((await send('/t/rules', { headers: { 'if-none-match': '"1"' } })).status).toBe(304);
    expect((await send('/t/rules', { headers: { 'if-none-match': '"0"' } })).status).toBe(200);
  });
});

describe('publishing', () => {
  it('needs If-Match (428); a stale one gets 412 naming the current version; two editors from one version: one 200, one 412', async () => {
    const racing = racingStore();
    const { publish, send } = setup(racing.store);
    expect((await publish({ events: {} }, null)).status).toBe(428);
    expect((await publish({ events: { Signup: signup } }, '"0"')).status).toBe(200);
    const stale = await publish({ events: {} }, '"0"');
    expect([stale.status, (await stale.json()).current, stale.headers.get('etag')]).toEqual([412, 1, '"1"']);
    racing.arm();
    const both = await Promise.all([publish({ events: { A: signup } }, '"1"'), publish({ events: { B: signup } }, '"1"', OTHER)]);
    expect(both.map((answer) => answer.status).sort()).toEqual([200, 412]);
    const winner = both[0].status === 200 ? 'A' : 'B';
    expect(Object.keys((await (await send('/t/rules')).json()).events)).toEqual([winner]);
  });

  it("refuses a document the SDK would refuse, naming the field with the SDK's message, and keeps the published one", async () => {
    const { publish } = setup();
    const answers = await Promise.all([
      publish({ events: { Signup: { on: 'click' } } }, '"0"'),
      publish({ events: { Signup: { on: 'hover', selector: '.x' } } }, '"0"'),
      publish({ events: [] }, '"0"'),
      publish({ rules: {} }, '"0"'),
      publish('not a document', '"0"'),
    ]);
    const errors = await Promise.all(answers.map(async (answer) => [answer.status, (await answer.json()).error]));
    expect(errors).toEqual([
      [400, '/t/rules events["Signup"].selector: required'],
      [400, expect.stringMatching(/^\/t\/rules events\["Signup"\]\.on: expected one of .*click.*submit.*page/)],
      [400, expect.stringMatching(/^\/t\/rules events: expected/)],
      [400, expect.stringMatching(/^\/t\/rules rules: /)],
      [400, expect.stringMatching(/^\/t\/rules: expected a rules document/)],
    ]);
  });

  it('refuses bodies that are not JSON, too large, or nested too deep, without storing anything', async () => {
    const { send, publish } = setup();
    const put = (body: string) => send('/t/rules', { method: 'PUT', token: TOKEN, body, headers: { 'if-match': '"0"' } });
    expect((await put('{"events":')).status).toBe(400);
    expect(
      (await put(JSON.stringify({ events: { Big: { ...signup, properties: { x: { value: 'x'.repeat(300 * 1024) } } } } }))).status,
    ).toBe(413);
    expect((await put('{"events":' + '['.repeat(5000) + ']'.repeat(5000) + '}')).status).toBe(400);
    expect((await publish({ events: {} }, '"0"')).status).toBe(200);
  });
});

describe('hostile requests', () => {
  it('odd If-Match values, forged preview tokens, paths beside the endpoints and gzip bombs get refusals, never a 500', async () => {
    const { send, publish } = setup();
    const statuses = await Promise.all([
      publish({ events: {} }, '"abc"'),
      publish({ events: {} }, '"-1"'),
      publish({ events: {} }, '"99999999999999"'),
      publish({ events: {} }, '"7"'),
      publish({ events: {} }, '*'),
      send('/t/rules?preview=%3Cscript%3E'),
      send('/t/rules?preview=' + 'a'.repeat(5000)),
      send('/t/rules/versions/extra', { token: TOKEN }),
      send('/t/rules/constructor', { token: TOKEN }),
      send('/t/rulesx'),
      send('/t/rules', { method: 'PUT', token: TOKEN, headers: { 'if-match': '"0"', 'content-encoding': 'br' }, body: '{}' }),
    ]).then((answers) => answers.map((answer) => answer.status));
    expect(statuses).toEqual([428, 428, 428, 412, 428, 403, 403, 404, 404, 404, 415]);
    const bomb = await new Response(
      new Blob([JSON.stringify({ events: { A: { on: 'page', properties: { x: { value: ' '.repeat(1 << 22) } } } } })])
        .stream()
        .pipeThrough(new CompressionStream('gzip')),
    ).arrayBuffer();
    const answer = await send('/t/rules', {
      method: 'PUT',
      token: TOKEN,
      headers: { 'if-match': '"0"', 'content-encoding': 'gzip' },
      body: bomb,
    });
    expect([bomb.byteLength < 64 * 1024, answer.status]).toEqual([true, 413]);
    expect((await (await send('/t/rules')).json()).version).toBe('0');
  });
});

describe('who may edit', () => {
  it("wants a known editor's bearer token, never echoes it, and refuses other origins and wrong methods", async () => {
    const { send } = setup();
    const log = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const wrong = 'guess-0123456789abcdefgh';
    const answers = [
      await send('/t/rules/versions'),
      await send('/t/rules/versions', { token: wrong }),
      await send('/t/rules/versions', { headers: { authorization: `Basic ${btoa('a:b')}` } }),
      await send('/t/rules', {
        method: 'PUT',
        token: TOKEN,
        body: '{"events":{}}',
        headers: { 'if-match': '"0"', origin: 'https://evil.example' },
      }),
      await send('/t/rules', { method: 'OPTIONS', headers: { origin: 'https://evil.example' } }),
      await send('/t/rules/rollback', { token: TOKEN }),
      await send('/t/rules', { method: 'DELETE', token: TOKEN }),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([401, 401, 401, 403, 405, 405, 405]);
    for (const answer of answers) {
      expect(answer.headers.get('access-control-allow-origin')).toBeNull();
      const text = await answer.text();
      expect(text).not.toContain(wrong);
      expect(text).not.toContain(TOKEN);
    }
    expect(log).not.toHaveBeenCalled();
  });

  it(`rate limits an address after ${MAX_REFUSED} wrong tokens (even with the right one), says so once, and not the token`, async () => {
    const { send } = setup();
    const log = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    for (let i = 0; i < MAX_REFUSED; i++) expect((await send('/t/rules/versions', { token: `wrong-token-number-${i}` })).status).toBe(401);
    const blocked = await send('/t/rules/versions', { token: TOKEN });
    expect([blocked.status, Number(blocked.headers.get('retry-after')) > 0]).toEqual([429, true]);
    expect((await send('/t/rules/versions', { token: TOKEN, ip: '198.51.100.8' })).status).toBe(200);
    expect(log).toHaveBeenCalledTimes(1);
    expect(String(log.mock.calls[0][0])).toContain('198.51.100.7');
    expect(String(log.mock.calls[0][0])).not.toContain('wrong-token');
  });
});

describe('drafts, preview, versions and rollback', () => {
  it('a draft gives a preview token that reads that draft (and nothing when tampered with); the published document stays', async () => {
    const { send, publish } = setup();
    await publish({ events: { Signup: signup } }, '"0"');
    const saved = await send('/t/rules/draft', {
      method: 'PUT',
      token: TOKEN,
      body: JSON.stringify({ events: { Signup: signup, Buy: { on: 'click', selector: '.buy' } } }),
      headers: { 'if-match': '"0"' },
    });
    const { preview, version, changed } = await saved.json();
    expect([saved.status, version, changed]).toEqual([200, 'draft-1', ['Buy']]);
    const draft = await send(`/t/rules?preview=${preview}`);
    expect([draft.headers.get('cache-control'), (await draft.json()).version]).toEqual(['private, no-store', 'draft-1']);
    expect((await send(`/t/rules?preview=${preview.slice(0, -2)}xx`)).status).toBe(403);
    expect((await (await send('/t/rules')).json()).version).toBe('1');
    const again = await send('/t/rules/draft', { method: 'PUT', token: TOKEN, body: '{"events":{}}', headers: { 'if-match': '"0"' } });
    expect(again.status).toBe(412);
  });

  it('lists versions (number, editor, time, changed names) and rolls back as a new version', async () => {
    const { send, publish } = setup();
    await publish({ events: { Signup: signup } }, '"0"');
    await publish({ events: { Signup: signup, Buy: signup } }, '"1"', OTHER);
    const rolled = await send('/t/rules/rollback', { method: 'POST', token: TOKEN, body: '{"version":1}', headers: { 'if-match': '"2"' } });
    expect([rolled.status, (await rolled.json()).changed]).toEqual([200, ['Buy']]);
    const { current, versions } = await (await send('/t/rules/versions', { token: TOKEN })).json();
    expect(current).toBe(3);
    expect(
      versions.map(({ version, editor, changed, rollbackOf }: Record<string, unknown>) => [version, editor, changed, rollbackOf]),
    ).toEqual([
      [3, 'marketing', ['Buy'], 1],
      [2, 'product', ['Buy'], undefined],
      [1, 'marketing', ['Signup'], undefined],
    ]);
    expect(Date.parse(versions[0].time)).toBeGreaterThan(0);
    expect(await (await send('/t/rules')).json()).toEqual({ version: '3', events: { Signup: signup } });
    const missing = await send('/t/rules/rollback', {
      method: 'POST',
      token: TOKEN,
      body: '{"version":9}',
      headers: { 'if-match': '"3"' },
    });
    expect(missing.status).toBe(400);
  });

  it('a preview token expires, and one signed with another key is refused', async () => {
    const key = await previewKeyFor(editors);
    const token = await signPreview(key, { draft: 1, editor: 'marketing', savedAt: 0, expires: 100 });
    expect(await verifyPreview(key, token, 99_000)).toEqual({ draft: 1, editor: 'marketing', savedAt: 0, expires: 100 });
    expect(await verifyPreview(key, token, 100_000)).toBeUndefined();
    expect(await verifyPreview(await previewKeyFor([{ name: 'x', token: OTHER }]), token, 0)).toBeUndefined();
  });
});

describe('the rules option', () => {
  it('names the bad field and never echoes a token', () => {
    expect(() => createEdge({ rules: { store: memoryStore(), editors: [{ name: 'm', token: 'short-secret' }] } })).toThrow(
      /rules\.editors\[0\]\.token: expected a secret of at least 16/,
    );
    expect(() => createEdge({ rules: { store: memoryStore(), editors: [{ name: 'm', token: 'short-secret' }] } })).not.toThrow(
      /short-secret/,
    );
    expect(() => createEdge({ rules: { store: {} as RulesStore, editors } })).toThrow(/rules\.store/);
  });
});
