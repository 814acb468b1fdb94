// Catastrophic backtracking (ReDoS) in a rule's `regex` (pure): finds the shapes that make a backtracking engine take
// exponential or high-polynomial time on text that outsiders choose (the URL, the referrer, an element's text).
// `(a+)+$` against `/aaaa…!` blocked Chromium's main thread 511 ms at 26 characters, doubling with each one more.

/** How a quantifier repeats its atom: `*` is {0, Infinity}, `?` is {0, 1}, `{2,5}` is {2, 5}. */
interface Repeat {
  min: number;
  max: number;
}

/** A group being read: whether anything inside it varies in length (a quantifier), and whether it has alternatives. */
interface Frame {
  varies: boolean;
  alternatives: boolean;
}

/** What a pattern risks, for the error message: the shape, an example and the fix. */
export type RegexRisk = 'nested' | 'alternatives' | 'overlapping';

/** What each risk is, in words, for the error that refuses a pattern. */
const RISKS: Record<RegexRisk, string> = {
  nested: 'has a quantifier inside a repeated group, such as (a+)+',
  alternatives: 'repeats a group of alternatives, such as (a|ab)+',
  overlapping: 'chains open-ended quantifiers over the same characters, such as .*a.*b or \\d+\\d+',
};

/** The risk in words: `has a quantifier inside a repeated group, such as (a+)+`. */
export const describeRegexRisk = (risk: RegexRisk): string => RISKS[risk];

/** A `{n}`, `{n,}` or `{n,m}` quantifier (JavaScript reads any other `{` as a literal outside u mode). */
const BRACES = /^\{(\d+)(,(\d*))?\}/;
/** From this many repetitions on, a bounded quantifier (`{1,100}`) backtracks like an unbounded one on a long URL. */
const MANY = 16;
/** The characters tried when asking whether two atoms can match the same character: Latin-1 and a few beyond. */
const CANDIDATES = [...Array.from({ length: 256 }, (_, code) => String.fromCharCode(code)), 'ā', 'я', '中', '\u2028'];
/** A group, a backreference or an atom that cannot be compiled alone: assumed to match anything. */
const ANY = /^[^]$/;

/** The length of the escape at `source[i]` (`\d`, `\x41`, `\u{1F600}`, `\p{L}`, `\k<name>`, `\cJ`). */
function escapeLength(source: string, i: number): number {
  const rest = source.slice(i);
  const match = /^\\(?:x[\da-f]{2}|u\{[\da-f]+\}|u[\da-f]{4}|[pP]\{[^}]*\}|k<[^>]*>|c[a-z]|\d+|[^])/i.exec(rest);
  return match ? match[0].length : rest.length;
}

/** The length of the character class at `source[i]` (`[a-z]`, `[^/\]]`; a `]` first in the class is literal only outside JS). */
function classLength(source: string, i: number): number {
  let j = i + 1;
  while (j < source.length && source[j] !== ']') j += source[j] === '\\' ? escapeLength(source, j) : 1;
  return j + 1 - i;
}

/** The quantifier at `source[i]`, if any, and its length (a lazy `?` after it included). */
function readRepeat(source: string, i: number): [Repeat | undefined, number] {
  const char = source[i];
  const braces = BRACES.exec(source.slice(i));
  let repeat: Repeat | undefined;
  let length = 1;
  if (char === '*') repeat = { min: 0, max: Infinity };
  else if (char === '+') repeat = { min: 1, max: Infinity };
  else if (char === '?') repeat = { min: 0, max: 1 };
  else if (braces) {
    const min = Number(braces[1]);
    // `{n}` is exactly n, `{n,}` at least n, `{n,m}` from n to m.
    let max = braces[3] ? Number(braces[3]) : Infinity;
    if (!braces[2]) max = min;
    repeat = { min, max };
    length = braces[0].length;
  }
  if (!repeat) return [undefined, 0];
  return [repeat, length + (source[i + length] === '?' ? 1 : 0)];
}

/** A tester of one character for an atom's source (`[a-z]`, `\d`, `.`), under the pattern's flags; ANY if it cannot stand alone. */
function atomTester(atom: string, flags: string): RegExp {
  try {
    return /^\\[1-9]/.test(atom) ? ANY : RegExp(`^(?:${atom})$`, flags);
  } catch {
    return ANY;
  }
}

/** Whether two atoms can match one same character (so a backtracking engine can split a run between them many ways). */
const overlaps = (a: RegExp, b: RegExp) => CANDIDATES.some((char) => a.test(char) && b.test(char));

/**
 * Why a regex could freeze the page, or undefined when it cannot: a quantifier inside a repeated group (`(a+)+`,
 * `(\w+\s?)*`), alternatives inside a repeated group (`(a|ab)+`), or a chain of open-ended quantifiers over characters
 * they share, more than two deep counting an unanchored start (`.*a.*b`, `\d+\d+$`, three `.*` between slashes): each link multiplies
 * the steps by the length of the text. A pattern with at most that is linear or quadratic in the text, which
 * MAX_MATCH_INPUT_LENGTH bounds.
 * @example findRegexRisk('(a+)+$') // 'nested'
 */
export function findRegexRisk(source: string, flags = ''): RegexRisk | undefined {
  const stack: Frame[] = [];
  // The current chain of open-ended quantifiers: its last atom, its length, and whether this alternative starts with ^.
  let chainAtom: RegExp | undefined;
  let chain = 0;
  let anchored = false;
  let atStart = true;
  const breakChain = () => {
    chainAtom = undefined;
    chain = 0;
  };
  /** Steps the chain over one atom repeated `repeat` times; true when the chain is now too deep. */
  const step = (tester: RegExp, repeat: Repeat = { min: 1, max: 1 }): boolean => {
    if (repeat.max >= MANY) {
      chain = chainAtom && overlaps(chainAtom, tester) ? chain + 1 : 1;
      chainAtom = tester;
    } else if (repeat.min > 0 && chainAtom && !overlaps(chainAtom, tester)) breakChain();
    return chain + (anchored ? 0 : 1) > 2;
  };
  for (let i = 0; i < source.length;) {
    const char = source[i];
    if (atStart) anchored = char === '^' && !flags.includes('m');
    atStart = false;
    if (char === '(') {
      stack.push({ varies: false, alternatives: false });
      i += /^\(\?(?:<[=!]|[:=!]|<[^>]*>)?/.exec(source.slice(i))?.[0].length ?? 1;
      continue;
    }
    if (char === '|') {
      const frame = stack[stack.length - 1];
      if (frame) frame.alternatives = true;
      else {
        breakChain();
        atStart = true;
      }
      i++;
      continue;
    }
    if (char === '^' || char === '$') {
      i++;
      continue;
    }
    let length = 1;
    if (char === '\\') length = escapeLength(source, i);
    else if (char === '[') length = classLength(source, i);
    const [repeat, repeatLength] = readRepeat(source, i + length);
    const varies = !!repeat && repeat.max > repeat.min;
    if (char === ')') {
      const frame = stack.pop() ?? { varies: false, alternatives: false };
      if (repeat && repeat.max > 1 && frame.varies) return 'nested';
      if (repeat && repeat.max > 1 && frame.alternatives) return 'alternatives';
      if (stack.length) stack[stack.length - 1].varies ||= frame.varies || varies;
      if (repeat && step(ANY, repeat)) return 'overlapping';
    } else {
      if (varies && stack.length) stack[stack.length - 1].varies = true;
      const atom = source.slice(i, i + length);
      // \b and \B match no character: they neither break nor lengthen a chain.
      if (!/^\\[bB]$/.test(atom) && step(atomTester(atom, flags), repeat)) return 'overlapping';
    }
    i += length + repeatLength;
  }
  return undefined;
}
