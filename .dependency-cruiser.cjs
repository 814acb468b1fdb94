// The cycle check `npm test` runs (scripts/test.mjs): any import circle in src/, type-only imports counted, fails the run.
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
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
