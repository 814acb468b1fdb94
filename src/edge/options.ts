// The edge's options, validated once at creation: a bad one throws an EdgeConfigError naming the field (a server's start-up,
// not a page: failing loudly there is right). Web-standard only, like the rest of src/edge/.
import type { TrustProxy } from './ip';
import { createBotFilter, type BotFilter } from './bots';
import type { RulesConfig } from './rules/endpoints';
import type { EditorOptions } from './rules/editors';
import type { RulesStore } from './rules/store';

/**
 * The write keys the edge forwards: a list, or a check for keys of your own workspaces (e.g. one per environment). A check
 * that accepts any key makes the edge an open relay into other workspaces: only the local collector does that.
 */
export type WriteKeys = string[] | ((writeKey: string) => boolean);

/** What a site passes to createEdge(). */
export interface EdgeOptions {
  /** Segment's Tracking API: only batches whose writeKey is listed are forwarded. */
  segment?: { writeKeys: WriteKeys; upstream?: string };
  /** Customer.io's Track API: the credentials live here, never in the page. */
  customerio?: { siteId: string; apiKey: string; region?: 'us' | 'eu'; upstream?: string };
  /** Customer.io's Data Pipelines: only listed write keys are forwarded. */
  pipelines?: { writeKeys: WriteKeys; region?: 'us' | 'eu'; upstream?: string };
  /** Origins allowed besides the edge's own (a cross-origin deployment); they get CORS answers. Default: none. */
  allowedOrigins?: string[];
  /** Largest request body, compressed or not (default 500 KB, Segment's batch limit). */
  maxBodyBytes?: number;
  /** The path the edge answers under (default `/t`): neutral, since block lists match words like analytics or track. */
  basePath?: string;
  /**
   * The `Domain` of the `ajs_anonymous_id` cookie the edge refreshes. Default: the one the SDK says it writes on (its
   * `cookie.domain` option, or the widest domain that keeps a cookie), else host-only. Set it only to force one.
   */
  cookieDomain?: string;
  /** How long an upstream may take to answer before the edge answers 504 with Retry-After (default 10 s). */
  upstreamTimeoutMs?: number;
  /** Upstream calls under way at once; past it the edge answers 503 with Retry-After, unread (default 64). */
  maxConcurrentUpstream?: number;
  /**
   * Whether X-Forwarded-For is read for the visitor's IP: `true` behind one or more proxies you run (its first entry), a
   * number of proxies (the entry that many hops from the end), `false` (default: the connection's own address).
   */
  trustProxy?: TrustProxy;
  /** The fetch used to reach upstreams (a seam for tests). */
  fetch?: typeof fetch;
  /** The rules host: {basePath}/rules serves the published rules document, and editors publish to it (docs/edge.md, "Rules without a deploy"). */
  rules?: RulesOptions;
  /**
   * `'drop'` (default): a request whose User-Agent is a crawler's (the SDK's list) is answered 200 and not forwarded;
   * `'off'` forwards it (e.g. with the SDK's `bots: 'flag'`). See docs/sessions.md.
   */
  bots?: 'drop' | 'off';
  /** Where the edge writes its log lines, such as the count of dropped crawler requests (default console.info). */
  log?: (line: string) => void;
}

/** The `rules` option: where the workspace is kept and who may edit it. */
export interface RulesOptions {
  /** memoryStore(), fileStore('./rules') (Node, Bun), kvStore(env.RULES) (Workers), denoKvStore(await Deno.openKv()). */
  store: RulesStore;
  /** Editors: a name (shown in versions and previews) and a secret token of at least 16 characters each. */
  editors: EditorOptions[];
  /** How long a draft's preview link works, in seconds (default 24 hours). */
  previewTtlSeconds?: number;
  /** Largest document an editor may send, in bytes (default 256 KB, what the SDK keeps in localStorage). */
  maxDocumentBytes?: number;
  /** The key preview links are signed with. Default: derived from the editors' tokens (the same on every instance). */
  previewSecret?: string;
}

/** The validated options. */
export interface EdgeConfig {
  segment?: { writeKeys: (writeKey: string) => boolean; upstream: string };
  customerio?: { authorization: string; upstream: string; secrets: string[] };
  pipelines?: { writeKeys: (writeKey: string) => boolean; upstream: string };
  allowedOrigins: Set<string>;
  maxBodyBytes: number;
  basePath: string;
  cookieDomain?: string;
  upstreamTimeoutMs: number;
  maxConcurrentUpstream: number;
  trustProxy: TrustProxy;
  fetch: typeof fetch;
  rules?: RulesConfig;
  /** Drops crawlers' requests (and counts them); undefined with `bots: 'off'`. */
  bots?: BotFilter;
}

/** An option createEdge() cannot use: `field` names it. */
export class EdgeConfigError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`createEdge: ${field}: ${message}`);
    this.name = 'EdgeConfigError';
  }
}

/** Segment's batch limit: the default body limit. */
export const DEFAULT_MAX_BODY_BYTES = 500 * 1024;
export const DEFAULT_BASE_PATH = '/t';
/** Long enough for a service's slow answer, short enough that a stalled one does not hold requests for minutes. */
export const DEFAULT_UPSTREAM_TIMEOUT_MS = 10_000;
/** At ~500 KB a batch, about 64 × 1.5 MB of memory held at most while upstreams are slow. */
export const DEFAULT_MAX_CONCURRENT_UPSTREAM = 64;
/** A day: a preview link outlives an editor's working session, not the week. */
export const DEFAULT_PREVIEW_TTL_SECONDS = 24 * 3600;
/** The SDK keeps a document of at most 256 K characters (src/rules/rules-cache.ts MAX_STORED_CHARS). */
export const DEFAULT_MAX_DOCUMENT_BYTES = 256 * 1024;
/** Shortest editor token: a guessable one would make the rate limit the only defence. */
const MIN_TOKEN_LENGTH = 16;
const SEGMENT_UPSTREAM = 'https://api.segment.io/v1';
const TRACK_UPSTREAMS = { us: 'https://track.customer.io', eu: 'https://track-eu.customer.io' };
const PIPELINES_UPSTREAMS = { us: 'https://cdp.customer.io/v1', eu: 'https://cdp-eu.customer.io/v1' };

/** Reads and checks `options`; throws an EdgeConfigError naming the first bad field. */
export function readEdgeOptions(options: EdgeOptions): EdgeConfig {
  if (!options || typeof options !== 'object') throw new EdgeConfigError('options', 'expected an object');
  const { segment, customerio, pipelines, rules } = options;
  if (!segment && !customerio && !pipelines && !rules)
    throw new EdgeConfigError('options', 'needs segment, customerio, pipelines or rules');
  return {
    segment: segment && {
      writeKeys: keys('segment.writeKeys', segment.writeKeys),
      upstream: url('segment.upstream', segment.upstream ?? SEGMENT_UPSTREAM),
    },
    customerio: customerio && readCustomerio(customerio),
    pipelines: pipelines && {
      writeKeys: keys('pipelines.writeKeys', pipelines.writeKeys),
      upstream: url('pipelines.upstream', pipelines.upstream ?? PIPELINES_UPSTREAMS[region('pipelines.region', pipelines.region)]),
    },
    allowedOrigins: new Set((options.allowedOrigins ?? []).map((origin, i) => new URL(url(`allowedOrigins[${i}]`, origin)).origin)),
    maxBodyBytes: positive('maxBodyBytes', options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, 'bytes'),
    upstreamTimeoutMs: positive('upstreamTimeoutMs', options.upstreamTimeoutMs ?? DEFAULT_UPSTREAM_TIMEOUT_MS, 'ms'),
    maxConcurrentUpstream: positive('maxConcurrentUpstream', options.maxConcurrentUpstream ?? DEFAULT_MAX_CONCURRENT_UPSTREAM, 'calls'),
    trustProxy: trustProxy(options.trustProxy ?? false),
    basePath: basePath(options.basePath ?? DEFAULT_BASE_PATH),
    cookieDomain: options.cookieDomain === undefined ? undefined : domain(options.cookieDomain),
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    rules: rules && readRules(rules),
    bots: readBots(options.bots ?? 'drop', options.log ?? ((line: string) => console.info(line))),
  };
}

function readBots(value: unknown, log: unknown): BotFilter | undefined {
  if (typeof log !== 'function') throw new EdgeConfigError('log', 'expected a function taking one line of text');
  if (value === 'off') return undefined;
  if (value === 'drop') return createBotFilter(log as (line: string) => void);
  throw new EdgeConfigError('bots', `expected 'drop' or 'off', got ${JSON.stringify(value)}`);
}

function readRules(rules: RulesOptions): RulesConfig {
  const { store, editors } = rules;
  if (!store || !['get', 'put', 'list'].every((method) => typeof (store as unknown as Record<string, unknown>)[method] === 'function'))
    throw new EdgeConfigError('rules.store', 'expected a store: memoryStore(), fileStore(folder), kvStore(env.RULES) or denoKvStore(kv)');
  if (!Array.isArray(editors) || !editors.length)
    throw new EdgeConfigError('rules.editors', 'expected a non-empty list of { name, token }');
  editors.forEach(({ name, token }, i) => {
    if (typeof name !== 'string' || !name.trim()) throw new EdgeConfigError(`rules.editors[${i}].name`, 'expected a non-empty string');
    // Never echo the token itself, even a bad one.
    if (typeof token !== 'string' || token.length < MIN_TOKEN_LENGTH)
      throw new EdgeConfigError(
        `rules.editors[${i}].token`,
        `expected a secret of at least ${MIN_TOKEN_LENGTH} characters (read it from the environment)`,
      );
  });
  return {
    store,
    editors: editors.map(({ name, token }) => ({ name: name.trim(), token })),
    previewSecret: rules.previewSecret,
    previewTtlSeconds: positive('rules.previewTtlSeconds', rules.previewTtlSeconds ?? DEFAULT_PREVIEW_TTL_SECONDS, 'seconds'),
    maxDocumentBytes: positive('rules.maxDocumentBytes', rules.maxDocumentBytes ?? DEFAULT_MAX_DOCUMENT_BYTES, 'bytes'),
  };
}

function readCustomerio(customerio: NonNullable<EdgeOptions['customerio']>) {
  const { siteId, apiKey } = customerio;
  if (typeof siteId !== 'string' || !siteId) throw new EdgeConfigError('customerio.siteId', 'expected a non-empty string');
  if (typeof apiKey !== 'string' || !apiKey)
    throw new EdgeConfigError('customerio.apiKey', 'expected a non-empty string (read it from the environment)');
  const upstream = url('customerio.upstream', customerio.upstream ?? TRACK_UPSTREAMS[region('customerio.region', customerio.region)]);
  const credentials = btoa(`${siteId}:${apiKey}`);
  // What an upstream's 207 errors must never echo back to a page.
  return { authorization: 'Basic ' + credentials, upstream, secrets: [apiKey, credentials] };
}

function keys(field: string, value: unknown): (writeKey: string) => boolean {
  if (typeof value === 'function') return (writeKey) => value(writeKey) === true;
  if (!Array.isArray(value) || !value.length || !value.every((key) => typeof key === 'string' && key))
    throw new EdgeConfigError(field, 'expected a non-empty list of write keys (the edge forwards no other key)');
  const allowed = new Set(value as string[]);
  return (writeKey) => allowed.has(writeKey);
}

function url(field: string, value: unknown): string {
  try {
    const parsed = new URL(String(value));
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return parsed.href.replace(/\/+$/, '');
  } catch {
    // reported below
  }
  throw new EdgeConfigError(field, `expected an http(s) URL, got ${JSON.stringify(value)}`);
}

function region(field: string, value: unknown): 'us' | 'eu' {
  if (value === undefined || value === 'us' || value === 'eu') return value ?? 'us';
  throw new EdgeConfigError(field, `expected 'us' or 'eu', got ${JSON.stringify(value)}`);
}

function positive(field: string, value: unknown, unit: string): number {
  if (Number.isInteger(value) && (value as number) > 0) return value as number;
  throw new EdgeConfigError(field, `expected a positive whole number of ${unit}, got ${JSON.stringify(value)}`);
}

function trustProxy(value: unknown): TrustProxy {
  if (typeof value === 'boolean' || (Number.isInteger(value) && (value as number) > 0)) return value as TrustProxy;
  throw new EdgeConfigError('trustProxy', `expected true, false or a number of proxies, got ${JSON.stringify(value)}`);
}

function basePath(value: unknown): string {
  if (typeof value === 'string' && /^\/[\w./-]*$/.test(value)) return value.replace(/\/+$/, '');
  throw new EdgeConfigError('basePath', `expected a path such as '/t', got ${JSON.stringify(value)}`);
}

function domain(value: unknown): string {
  if (typeof value === 'string' && /^\.?[a-z0-9-]+(\.[a-z0-9-]+)*$/i.test(value)) return value;
  throw new EdgeConfigError('cookieDomain', `expected a domain such as 'shop.example', got ${JSON.stringify(value)}`);
}
