/**
 * dependency-cruiser configuration (`npm run check:cycles`, part of `npm test`): the extension's source
 * (entrypoints/, components/, stores/, lib/) has no import cycle, type-only imports included
 * (https://github.com/sverweij/dependency-cruiser/blob/main/doc/rules-reference.md).
 */
export default {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Modules import each other (directly or through others): move the shared part to the module it belongs to.',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|\\.output|\\.wxt|artifacts)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.d.ts'],
    },
  },
};
