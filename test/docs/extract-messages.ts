// Pulls, from tally's source, every message it can print: the string and template literals passed to the calls that
// reach the console (logError, logWarning, logDebug, console.*, problems.add, reject, the error classes, a
// destination's report), the edge's refusals and the picker's panel. A message is a pattern: its literal text, with a
// wildcard where the code puts a value.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Stands for a value the code fills in (a `${…}` part, a variable, a call). */
export const HOLE = '\u0000';

/** One message the code can print: where, and its text with HOLE for each value. */
export interface CodeMessage {
  file: string;
  line: number;
  text: string;
}

/** Every file under `dir`. */
export const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? filesUnder(join(dir, name)) : [join(dir, name)]));

/**
 * The calls whose arguments become console text; then the properties (`text`, `detail`, `reason`, `neededBy`) and the
 * returned or pushed literals that name why something failed or did not fire (a check's or a preview's reason).
 */
const CALLS =
  /(?:(?<![\w.])|(?<=panel\.))(logError|say|logWarning|logDebug|console\.(?:error|warn|info|log|debug)|problems\.add|reject|withCost|fail|report|log|refuse|super|new (?:ConfigError|EdgeConfigError|TallyError|DeliveryError|BodyError|Error))\(|(?:(?<![\w.])(text|detail|reason|reasons\[[\w.]+\]|neededBy|KIND_NEEDED_BY|error)\s*[:=]|((?<![\w.])return|=>|\.push\(|(?<![\w.])verdict\([a-z]+,)\s*\(?)\s*(?=['"`]|[^;\n'"`]*\? ['"`])/g;

/** The index just after the literal (quote or template) starting at `at`; a template's `${…}` are skipped whole. */
function endOfLiteral(source: string, at: number): number {
  const quote = source[at];
  let i = at + 1;
  while (i < source.length && source[i] !== quote) {
    if (source[i] === '\\') i += 2;
    else if (quote === '`' && source.startsWith('${', i)) i = endOfGroup(source, i + 1);
    else i += 1;
  }
  return i + 1;
}

/** The index just after the bracket group opening at `at` (literals inside are skipped). */
function endOfGroup(source: string, at: number): number {
  let depth = 0;
  for (let i = at; i < source.length;) {
    const char = source[i];
    if (char === "'" || char === '"' || char === '`') i = endOfLiteral(source, i);
    else if (char === '/' && source[i + 1] === '/') i = source.indexOf('\n', i);
    else {
      if ('([{'.includes(char)) depth += 1;
      if (')]}'.includes(char) && --depth === 0) return i + 1;
      i += 1;
    }
  }
  return source.length;
}

/** The top-level arguments of a call whose `(` is at `open`. */
function argumentsOf(source: string, open: number): string[] {
  const inner = source.slice(open + 1, endOfGroup(source, open) - 1);
  const args: string[] = [];
  let start = 0;
  for (let i = 0; i < inner.length;) {
    const char = inner[i];
    if (char === "'" || char === '"' || char === '`') i = endOfLiteral(inner, i);
    else if ('([{'.includes(char)) i = endOfGroup(inner, i);
    else {
      if (char === ',') {
        args.push(inner.slice(start, i));
        start = i + 1;
      }
      i += 1;
    }
  }
  args.push(inner.slice(start));
  return args.map((arg) => arg.trim()).filter(Boolean);
}

/** One argument as a pattern: its top-level literals joined, anything else (a variable, a call, a `${…}`) a HOLE. */
function patternOf(arg: string): string {
  let text = '';
  for (let i = 0; i < arg.length;) {
    const char = arg[i];
    if (char === "'" || char === '"' || char === '`') {
      const end = endOfLiteral(arg, i);
      text += literalText(arg.slice(i + 1, end - 1), char);
      i = end;
    } else if (/[\s+]/.test(char)) i += 1;
    else {
      let end = i;
      while (end < arg.length && !/[\s+'"`]/.test(arg[end])) end = '([{'.includes(arg[end]) ? endOfGroup(arg, end) : end + 1;
      text += HOLE;
      i = end;
    }
  }
  return text.replace(new RegExp(`${HOLE}+`, 'g'), HOLE);
}

/** A literal's printed text: escapes undone, a template's `${…}` parts as HOLEs. */
function literalText(body: string, quote: string): string {
  let text = '';
  for (let i = 0; i < body.length;) {
    // The next piece of text, and where the one after it starts.
    let piece = body[i];
    let next = i + 1;
    if (body[i] === '\\') {
      piece = body[i + 1] === 'n' ? '\n' : body[i + 1];
      next = i + 2;
    } else if (quote === '`' && body.startsWith('${', i)) {
      piece = HOLE;
      next = endOfGroup(body, i + 1);
    }
    text += piece;
    i = next;
  }
  return text;
}

/** The printed line a call makes from its arguments, or undefined when it prints nothing of its own. */
function lineOf(call: string, args: string[]): string | undefined {
  const [first = '', second = '', third = ''] = args.map(patternOf);
  if (call === 'withCost') return `${first}: ${second}`;
  if (call === 'problems.add' || call === 'new ConfigError') return args.length > 2 ? undefined : `${first}: ${second}`;
  if (call === 'reject') return args.length >= 4 ? `${second}: expected ${third}, got ${HOLE}` : undefined;
  if (call === 'logDebug') return args.slice(1).map(patternOf).join(' ');
  if (call.startsWith('console.')) return args.map(patternOf).join(' ');
  if (call === 'new BodyError' || call === 'refuse') return second;
  if (call === 'new EdgeConfigError') return `createEdge: ${first}: ${second}`;
  return first;
}

/**
 * Text the calls above build that the console never shows as a message of its own: default event names (`<name>
 * Clicked`), describe()'s words for a value, a header, a storage key, and the picker's labels (its version list, the
 * preview badge, a property's choice line).
 */
const NOT_MESSAGES = [
  /^<> (Clicked|Viewed|Submitted|Scrolled|Seen|Engaged|Started|Abandoned)$/,
  /^an? (array|function|object)$/,
  /^Basic (<>)?$/,
  /^tally\.journal\./,
  /^version <> by <> at <>$/,
  /^Preview: draft by <>, <>$/,
  /^<>: (<>)+ \(<> on this page\)$/,
];
/** Whether a message is one of NOT_MESSAGES (written with `<>` for each HOLE). */
const notMessage = (text: string) => NOT_MESSAGES.some((re) => re.test(text.replaceAll(HOLE, '<>')));

/** Every message in one file's source. */
export function messagesOf(file: string, source: string): CodeMessage[] {
  const found: CodeMessage[] = [];
  for (const match of source.matchAll(CALLS)) {
    const lineStart = source.lastIndexOf('\n', match.index) + 1;
    if (/^\s*(\/\/|\*|\/\*)/.test(source.slice(lineStart, match.index))) continue; // a comment, not code
    // A property's (or a returned or pushed) text is its literal, or the first branch of `cond ? '…' : …`.
    const own = match[2] ?? match[3];
    const at = own ? source.slice(match.index).search(/['"`]/) + match.index : match.index + match[0].length;
    const literal = own && literalText(source.slice(at + 1, endOfLiteral(source, at) - 1), source[at]);
    // A check's detail is printed after the field it names.
    const text = own ? literal && `${match[2] === 'detail' ? `${HOLE}: ` : ''}${literal}` : lineOf(match[1], argumentsOf(source, at - 1));
    // A line without a word of its own only passes on a message made elsewhere.
    if (text && /[a-z]{4,}/i.test(text) && (/ /.test(text) || own === 'detail') && !notMessage(text))
      found.push({ file, line: source.slice(0, match.index).split('\n').length, text });
  }
  return found;
}

/** Every message in the source tree, but the coded sentences (src/messages/, checked by code). */
export const codeMessages = (root = 'src'): CodeMessage[] =>
  filesUnder(root)
    .filter((file) => file.endsWith('.ts') && !file.includes('src/messages/'))
    .flatMap((file) => messagesOf(file, readFileSync(file, 'utf8')));
