// Touches the DOM and window: the picker's "Save draft", "Preview", "Publish" and "Versions" (with rollback), talking to
// the edge's rules host when the page's rulesUrl is one (rules-host.ts). A write starts from the version the picker read;
// when another editor published since, the edge answers 412 and the picker shows that editor's change instead of
// overwriting it. Without a rules host, the picker says how to use the JSON.
import { h } from './ui';
import { toDefinition } from './draft';
import { callHost, keepToken, readPublished, readToken, type HostAnswer, type RulesHost } from './rules-host';
import type { Editor } from './editor';

/** A version as GET {base}/rules/versions lists it. */
interface VersionSummary {
  version: number;
  editor: string;
  time: string;
  changed: string[];
  rollbackOf?: number;
}

const timeOf = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
/** One line about a version: `version 3 by marketing at 14:02 (changed: Signup Clicked)`. */
const describeVersion = (v: VersionSummary) =>
  `version ${v.version} by ${v.editor} at ${timeOf(v.time)}` +
  `${v.rollbackOf ? ` (rollback to ${v.rollbackOf})` : ''}${v.changed.length ? ` · changed: ${v.changed.join(', ')}` : ''}`;

/** The page's URL with `?tally_preview=<token>` (and without the picker's own parameter). */
function previewLink(token: string): string {
  const url = new URL(location.href);
  url.searchParams.delete('tally_pick');
  url.searchParams.set('tally_preview', token);
  return url.href;
}

/** What the actions share: the host, the editor, the published document read last, and where they report. */
interface Panel {
  host: RulesHost;
  editor: Editor;
  base: { number: number; events: Record<string, unknown>; plan?: unknown };
  draft: { number: number };
  say(text: string, tone?: 'good' | 'bad' | 'meta'): void;
  /** Where say() writes (a question's button goes after its text). */
  status: HTMLElement;
  /** True when the answer is a refusal, said (and the token forgotten on 401). */
  refused(answer: HostAnswer, what: string): boolean;
  refresh(): Promise<void>;
  previewAnchor: HTMLAnchorElement;
  history: HTMLElement;
}

/** The document with the editor's rule in it, over the published one. */
function documentOf(panel: Panel) {
  const draft = panel.editor.draft();
  const events = { ...panel.base.events, [draft.name.trim()]: toDefinition(draft) };
  return panel.base.plan === undefined ? { events } : { events, plan: panel.base.plan };
}

async function saveDraft(panel: Panel): Promise<void> {
  const answer = await callHost(panel.host, '/draft', { method: 'PUT', ifMatch: panel.draft.number, body: documentOf(panel) });
  if (answer.status === 412) panel.draft.number = Number(answer.body.current) || panel.draft.number;
  if (panel.refused(answer, 'draft not saved')) return;
  panel.draft.number = Number(answer.body.number);
  panel.previewAnchor.href = previewLink(String(answer.body.preview));
  panel.previewAnchor.textContent = 'Preview link (only a browser opened with it sees the draft)';
  panel.say(`draft ${panel.draft.number} saved: Preview opens it in a new tab`, 'good');
}

async function publish(panel: Panel): Promise<void> {
  const answer = await callHost(panel.host, '', { method: 'PUT', ifMatch: panel.base.number, body: documentOf(panel) });
  if (answer.status === 412) {
    // Another editor published since this picker read the rules: say who and what, and start from theirs.
    const listed = await callHost(panel.host, '/versions');
    const [latest] = (listed.body.versions ?? []) as VersionSummary[];
    await panel.refresh();
    const who = latest ? describeVersion(latest) : 'another version';
    return panel.say(`not published: ${who} was published since you opened the picker. Publish again to add your rule to it.`, 'bad');
  }
  if (panel.refused(answer, 'not published')) return;
  await panel.refresh();
  panel.say(`published version ${String(answer.body.number)}: visitors get it on their next page load`, 'good');
}

async function listVersions(panel: Panel): Promise<void> {
  const answer = await callHost(panel.host, '/versions');
  if (panel.refused(answer, 'versions')) return;
  const current = Number(answer.body.current);
  const rows = ((answer.body.versions ?? []) as VersionSummary[]).map((summary) => {
    const row = h('div', { className: 'row' }, h('span', { textContent: describeVersion(summary) }));
    if (summary.version === current) row.append(h('span', { className: 'meta', textContent: 'live' }));
    else {
      const rollback = h('button', { type: 'button', textContent: 'Roll back to this' });
      rollback.addEventListener('click', () => void rollBack(panel, summary.version, current));
      row.append(rollback);
    }
    return row;
  });
  panel.history.replaceChildren(...rows);
}

async function rollBack(panel: Panel, version: number, current: number): Promise<void> {
  const answer = await callHost(panel.host, '/rollback', { method: 'POST', ifMatch: current, body: { version } });
  if (panel.refused(answer, 'not rolled back')) return;
  await panel.refresh();
  panel.say(`version ${version} is live again, as version ${String(answer.body.number)}`, 'good');
  await listVersions(panel);
}

/** Reads the latest draft's number (a draft write starts from it). */
async function readDraftNumber(panel: Panel): Promise<void> {
  const answer = await callHost(panel.host, '/draft');
  if (answer.status === 200) panel.draft.number = Number(answer.body.number) || 0;
  else panel.refused(answer, 'editor token');
}

/**
 * A rule whose selector matches nothing on this page never fires here: a typo, or an element that only some pages have.
 * Says so and asks, with a button that saves anyway; any other action replaces the question.
 */
function askUnmatched(panel: Panel, action: string, proceed: () => void): void {
  const selector = panel.editor.draft().selector;
  panel.say(`${selector} matches nothing on this page, so the rule would not fire here. ${action} anyway?`, 'bad');
  const anyway = h('button', { type: 'button', textContent: `${action} anyway` });
  anyway.addEventListener('click', () => {
    anyway.remove();
    proceed();
  });
  panel.status.append(' ', anyway);
}

/** Offers the rules host's actions under the editor's JSON, or, without a host, says how to use the JSON. */
export function offerPublish(editor: Editor, host: RulesHost | undefined): void {
  if (!host) {
    const text = 'Copy the JSON into the events option or your rules document (publishing needs rulesUrl on the edge, e.g. /t/rules).';
    editor.saveArea.append(h('div', { className: 'meta', textContent: text }));
    return;
  }
  const status = h('div', { className: 'meta' });
  const tokenInput = h('input', { type: 'password', placeholder: 'Editor token', autocomplete: 'off' });
  const useToken = h('button', { type: 'button', textContent: 'Use token' });
  const tokenRow = h('div', { className: 'row' }, tokenInput, useToken);
  const showToken = () => {
    tokenRow.hidden = !!readToken();
  };
  const panel: Panel = {
    host,
    editor,
    base: { number: 0, events: {} },
    draft: { number: 0 },
    status,
    say(text, tone = 'meta') {
      status.className = tone;
      status.textContent = text;
    },
    refused(answer, what) {
      if (answer.status === 200) return false;
      if (answer.status === 401) keepToken(undefined);
      showToken();
      panel.say(`${what}: ${String(answer.body.error ?? `the edge answered ${answer.status}`)}`, 'bad');
      return true;
    },
    refresh: () => readPublished(host).then((published) => void Object.assign(panel.base, published)),
    previewAnchor: h('a', { target: '_blank', rel: 'noopener' }),
    history: h('div', {}),
  };
  const actions: [string, () => void][] = [
    ['Save draft', () => void saveDraft(panel)],
    ['Preview', () => (panel.previewAnchor.href ? void open(panel.previewAnchor.href, '_blank') : panel.say('save a draft first', 'bad'))],
    ['Publish', () => void publish(panel)],
    ['Versions', () => void listVersions(panel)],
  ];
  const buttons = actions.map(([text, action]) => {
    const element = h('button', { type: 'button', textContent: text });
    // Writes need the event's name, and ask first when the selector matches nothing here; the rest do not.
    const write = text !== 'Versions' && text !== 'Preview';
    element.addEventListener('click', () => {
      if (!write) return action();
      if (!editor.draft().name.trim()) return panel.say('name the event first', 'bad');
      if (editor.matches() === 0) return askUnmatched(panel, text, action);
      action();
    });
    return element;
  });
  useToken.addEventListener('click', () => {
    keepToken(tokenInput.value.trim() || undefined);
    tokenInput.value = '';
    showToken();
    void readDraftNumber(panel).then(() => readToken() && panel.say('editor token kept for this tab'));
  });
  editor.saveArea.append(h('div', {}, tokenRow, h('div', { className: 'row' }, ...buttons), panel.previewAnchor, status, panel.history));
  showToken();
  void panel.refresh().catch(() => panel.say('could not read the published rules', 'bad'));
  if (readToken()) void readDraftNumber(panel);
}
