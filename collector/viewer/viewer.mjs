// The viewer's browser code (DOM + EventSource): renders collector records as rows, newest first, per destination.

const api = document.body.dataset.api;
const columns = document.querySelector('.columns');
const connection = document.querySelector('[data-connection]');
const filterInput = document.querySelector('.filter');
const showPreflights = document.querySelector('.show-preflights');
const DESTINATION_TITLES = { segment: 'Segment', customerio: 'Customer.io' };

/** Creates an element with a class and text, never parsing HTML. */
function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = String(text);
  return node;
}

function column(destination) {
  let section = columns.querySelector(`[data-destination="${CSS.escape(destination)}"]`);
  if (section) return section;
  section = el('section', 'column');
  section.dataset.destination = destination;
  const head = el('header', 'column-head');
  head.append(el('h2', '', DESTINATION_TITLES[destination] || destination), el('span', 'count', '0'));
  section.append(head, el('div', 'rows'));
  columns.append(section);
  return section;
}

const timeOf = (ms) => new Date(ms).toLocaleTimeString([], { hour12: false }) + '.' + String(ms % 1000).padStart(3, '0');

function badge(text, kind) {
  return el('span', `badge badge-${kind}`, text);
}

/** One collapsible row: summary cells and the event's data inline, then the pretty-printed JSON. */
function row({ kind, title, type, time, identity, messageId, writeKey, badges, payload, search, data = '' }) {
  const details = el('details', `row row-${kind}`);
  details.dataset.search = search.toLowerCase();
  const summary = el('summary');
  const idLine = el('span', 'message-id');
  idLine.append(el('code', '', messageId));
  if (writeKey) idLine.append(el('span', 'write-key', `key ${writeKey}`));
  summary.append(
    el('span', `type type-${type}`, type),
    el('span', 'title', title),
    el('time', 'time', time),
    el('span', 'identity', identity),
    idLine,
  );
  const marks = el('span', 'badges');
  marks.append(...badges);
  summary.append(marks);
  if (data) summary.append(el('span', 'data', data));
  details.append(summary, el('pre', 'payload', JSON.stringify(payload, null, 2)));
  return details;
}

/** A URL's path (and query), for page rows: never the URL cut to its host. */
function pathOf(value) {
  try {
    const url = new URL(value);
    return url.pathname + url.search;
  } catch {
    return value;
  }
}

/** What names an event in its row: the track name, the page/screen name and path, or the id the call is about. */
function titleOf(event) {
  if (event.type === 'track') return event.event ?? '';
  if (event.type === 'screen') return [event.category, event.name].filter(Boolean).join(' › ');
  if (event.type === 'page') {
    // Segment: name (if any) and properties.path; Customer.io: its name is the page URL.
    const name = [event.category, event.name].filter(Boolean).join(' › ');
    const path = event.properties?.path ?? event.context?.page?.path ?? (event.api ? pathOf(event.name ?? '') : '');
    return [event.api ? '' : name, path].filter(Boolean).join(' · ');
  }
  if (event.type === 'identify') return event.userId ?? event.traits?.email ?? Object.values(event.identifiers ?? {})[0] ?? '';
  if (event.type === 'group') return event.groupId ?? '';
  if (event.type === 'alias') return `${event.previousId ?? '?'} → ${event.userId ?? '?'}`;
  return event.event ?? event.name ?? '';
}

/** The event's own data, inline: properties (track, page, screen), traits (identify, group), or Customer.io's data / attributes. */
function dataOf(event) {
  const data = event.properties ?? event.traits ?? event.attributes ?? event.data ?? {};
  const shown = Object.entries(data)
    .filter(([key]) => key !== 'anonymous_id')
    .map(([key, value]) => `${key}: ${typeof value === 'object' && value !== null ? JSON.stringify(value) : value}`);
  const text = shown.join(' · ');
  return text.length > 200 ? text.slice(0, 199) + '…' : text;
}

/** The payload with the event's own data (properties, traits) before its context, which is long and read less often. */
function contextLast(payload) {
  const { context, ...rest } = payload;
  return context === undefined ? rest : { ...rest, context };
}

/**
 * One event's row. `delivery` is its state at this destination after the record's request (collector/delivery.mjs):
 * delivered, retrying, gave up or refused, with a note; absent for an event the collector cannot follow (no id).
 */
function eventRow(event, record, delivery) {
  const name = titleOf(event);
  const rule = event.context?.tally?.rule;
  // Segment names people by userId / anonymousId; Customer.io by identifiers ({ email } or { id }) / anonymous_id.
  const person = Object.entries(event.identifiers ?? {}).map(([key, value]) => `${key} ${value}`)[0];
  const anonymous = event.anonymousId ?? event.anonymous_id ?? event.attributes?.anonymous_id;
  const identity = [event.userId && `user ${event.userId}`, person, anonymous && `anon ${anonymous}`].filter(Boolean).join(' · ');
  const badges = [];
  if (delivery) {
    const mark = badge(delivery.note, 'delivery');
    mark.dataset.state = delivery.state;
    badges.push(mark);
  }
  if (rule) badges.push(badge(`rule: ${rule}`, 'rule'));
  if (event.duplicate) badges.push(badge('duplicate', 'duplicate'));
  for (const problem of event.problems || []) badges.push(badge(problem, 'problem'));
  const { problems, duplicate, attempt, receivedAt, ...payload } = event;
  const node = row({
    kind: 'event',
    title: name || '—',
    type: event.type || '?',
    time: timeOf(record.at),
    identity: identity || 'no identity',
    messageId: event.messageId || (event.api ? `Customer.io ${event.api}` : 'no messageId'),
    writeKey: record.writeKey,
    badges,
    payload: contextLast(receivedAt ? { ...payload, receivedAt } : { ...payload, delivery }),
    data: dataOf(event),
    search: [name, event.type, event.userId, identity, event.messageId, record.writeKey, rule, delivery?.state].join(' '),
  });
  if (delivery) node.dataset.delivery = delivery.state;
  return node;
}

/** A row for a request that carries no accepted event: preflight, error, fault or dropped batch. */
function requestRow(record) {
  const preflight = record.method === 'OPTIONS';
  const badges = [badge(record.status || 'no answer', record.status >= 400 || !record.status ? 'error' : 'status')];
  if (record.rejected) badges.push(badge(record.rejected, 'problem'));
  if (record.fault) {
    let how = '';
    if (record.hang) how = ' hang';
    else if (record.reset) how = ' reset';
    badges.push(badge(`fault #${record.fault}${how}`, 'error'));
  }
  const { events, ...request } = record;
  return row({
    kind: preflight ? 'preflight' : 'request',
    title: `${record.method} ${record.path}`,
    type: preflight ? 'preflight' : 'request',
    time: timeOf(record.at),
    identity: record.headers.origin ? `from ${record.headers.origin}` : '',
    messageId: preflight ? `asks for: ${record.headers['access-control-request-headers'] || '(no headers)'}` : '',
    writeKey: record.writeKey,
    badges,
    payload: request,
    // The events it carried, so that filtering by an event's name also shows the requests that failed with it.
    search: [record.method, record.path, record.status, record.writeKey, ...(record.carried ?? []).map(titleOf)].join(' '),
  });
}

function applyFilter(node) {
  const needle = filterInput.value.trim().toLowerCase();
  const hiddenPreflight = node.classList.contains('row-preflight') && !showPreflights.checked;
  node.hidden = hiddenPreflight || (needle !== '' && !node.dataset.search.includes(needle));
}

/** Each column's count: the events the filter shows. */
function updateCounts() {
  for (const section of columns.querySelectorAll('.column')) {
    const shown = [...section.querySelectorAll('.row-event')].filter((node) => !node.hidden).length;
    const count = section.querySelector('.count');
    count.textContent = String(shown);
    count.dataset.one = String(shown === 1);
  }
}

function refilter() {
  document.querySelectorAll('.row').forEach(applyFilter);
  updateCounts();
}

/** Rows of events not delivered yet, by destination, writeKey and messageId: a later request's answer replaces them. */
const pending = new Map();

function add(record) {
  const section = column(record.destination);
  const rows = section.querySelector('.rows');
  const deliveries = record.deliveries ?? {};
  const keyOf = (event) => `${record.destination}\n${record.writeKey}\n${event.messageId}`;
  // Accepted events, then those the request carried but the service did not keep (failed, refused): each shows its state.
  const accepted = new Set(record.events);
  const shown = [...record.events, ...(record.carried ?? [])].map((event) => {
    // An event without an id (a Track API identify) cannot be followed across requests, but this answer delivered it.
    const delivery = deliveries[event.messageId] ?? (accepted.has(event) ? { state: 'delivered', note: 'delivered' } : undefined);
    const node = eventRow(event, record, delivery);
    if (!event.messageId) return node;
    // The same event's earlier row (a failed attempt) gives way to this one: one row per event while it is in flight.
    pending.get(keyOf(event))?.remove();
    if (delivery && delivery.state !== 'delivered') pending.set(keyOf(event), node);
    else pending.delete(keyOf(event));
    return node;
  });
  const request = [];
  if (record.method !== 'POST' || record.status >= 300 || !record.status || record.rejected || record.events.length === 0) {
    request.push(requestRow(record));
  }
  // Newest first: a batch's last event on top, the request's own row (a failure, a preflight) under its events.
  const added = [...shown.reverse(), ...request];
  for (const node of added) {
    applyFilter(node);
    node.classList.add('fresh');
  }
  rows.prepend(...added);
  updateCounts();
  document.body.classList.add('has-rows');
}

function clearAll() {
  pending.clear();
  columns.replaceChildren();
  column('segment');
  column('customerio');
  document.body.classList.remove('has-rows');
}

function connect() {
  const source = new EventSource(`${api}/__collector/stream`);
  source.addEventListener('open', () => {
    connection.dataset.connection = 'live';
    connection.textContent = 'live';
  });
  source.addEventListener('snapshot', (message) => {
    clearAll();
    for (const record of JSON.parse(message.data)) add(record);
  });
  source.addEventListener('request', (message) => add(JSON.parse(message.data)));
  source.addEventListener('reset', (message) => {
    if (!JSON.parse(message.data).writeKey) clearAll();
  });
  source.addEventListener('error', () => {
    connection.dataset.connection = 'offline';
    connection.textContent = 'reconnecting…';
  });
}

filterInput.addEventListener('input', refilter);
showPreflights.addEventListener('change', refilter);
document.querySelector('.clear').addEventListener('click', () => fetch(`${api}/__collector/reset`, { method: 'POST' }));
clearAll();
connect();
