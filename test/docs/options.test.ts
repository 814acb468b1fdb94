// docs/options.md against the code, both ways: every field of the public `Options` type (read with the TypeScript
// compiler, one level into object options) is on the page, every option the page lists is in the type, and the
// validator reads each one (no "unknown field" for it).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { createProblems } from '../../src/config/readers';
import { readConfig } from '../../src/config/config';

const root = resolve(__dirname, '../..');
const page = readFileSync(join(root, 'docs/options.md'), 'utf8');
const table = page.slice(page.indexOf('## load() options'), page.indexOf('## Event definitions'));

/** Each table row's option names (its first cell's backticked names) and the row's whole text. */
const rows = [...table.matchAll(/^\| (`[^|]+) \|(.*)$/gm)].map(([, first, rest]) => ({
  names: [...first.matchAll(/`([\w.]+)`/g)].map((match) => match[1]),
  text: rest,
}));
const documented = rows.flatMap((row) => row.names);

/** The Options type's fields: `flushAt`, and `segment.apiHost` for each field of an object option with declared fields. */
function typeFields(): string[] {
  const file = join(root, 'src/index.ts');
  const program = ts.createProgram([file], {
    strict: true,
    target: ts.ScriptTarget.ES2020,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    module: ts.ModuleKind.ESNext,
    types: [],
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file) as ts.SourceFile;
  const exported = checker
    .getExportsOfModule(checker.getSymbolAtLocation(source) as ts.Symbol)
    .find((symbol) => symbol.name === 'Options') as ts.Symbol;
  const options = checker.getDeclaredTypeOfSymbol(checker.getAliasedSymbol(exported));
  const fields: string[] = [];
  for (const property of checker.getPropertiesOfType(options)) {
    const type = checker.getNonNullableType(checker.getTypeOfSymbol(property));
    const inner = type.isUnion() || !(type.flags & ts.TypeFlags.Object) ? [] : checker.getPropertiesOfType(type);
    if (!inner.length) fields.push(property.name);
    for (const field of inner) fields.push(`${property.name}.${field.name}`);
  }
  return fields;
}

describe('docs/options.md', () => {
  const fields = typeFields();

  it('lists every field of the Options type (an object option by its fields, or one row naming them)', () => {
    expect(fields).toEqual(expect.arrayContaining(['flushAt', 'segment.apiHost', 'segment.cdnURL', 'customerio.region', 'cookie.domain']));
    for (const field of fields) {
      const [option, sub] = field.split('.');
      const covered =
        documented.includes(field) || (sub !== undefined && rows.some((row) => row.names.includes(option) && row.text.includes(sub)));
      expect(covered, `${field} is not in docs/options.md`).toBe(true);
    }
  });

  it('lists only fields the type has and the validator reads', () => {
    const known = new Set([...fields, ...fields.map((field) => field.split('.')[0])]);
    for (const name of documented) {
      expect(known.has(name), `${name} is in docs/options.md but not in Options`).toBe(true);
      const [option, sub] = name.split('.');
      const problems = createProblems();
      readConfig(problems, 'KEY', { [option]: sub ? { [sub]: null } : null });
      expect(problems.errors.map(String).filter((text) => text.includes('unknown field'))).toEqual([]);
    }
  });
});
