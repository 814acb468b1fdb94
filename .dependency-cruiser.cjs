// The import checks `npm test` runs (scripts/test.mjs): any import cycle in src/ (type-only imports counted), and any import
// of src/api/ from outside it but the entry files and the piece contract, fails the run.
module.exports = {
  forbidden: [
    {
      name: 'no-cycle',
      comment:
        'src/ has no import cycle, type-only imports included: helpers sit below what uses them, and pieces import the contract (src/pieces/contract.ts), never src/api/.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'api-from-entries-and-contract-only',
      comment: 'src/api/ is the instance: outside it only the entry files and the piece contract import from it (helpers live below).',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(api/|index\\.ts$|standalone\\.ts$|pieces/contract\\.ts$)' },
      to: { path: '^src/api/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
