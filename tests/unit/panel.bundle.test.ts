import { describe, expect, it } from 'vitest';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The in-call panel's start loads no Zod (issue 12, item 5): building its schemas took ~20 ms of the panel page's
 * start in a CPU profile, more than react-dom. The background validates every message input and the settings, so
 * nothing on the panel's runtime import graph imports 'zod'. Type-only imports are erased at build and not followed.
 */

/** The panel page's module script (entrypoints/panel/index.html), which imports the app (`./boot`) after a paint. */
const PANEL_ENTRY = 'entrypoints/panel/main.tsx';

/** Dynamic imports the panel makes only on an interviewer's request, which may load Zod then: `from -> to`. */
const LAZY = new Set(['lib/suggest/draft.ts -> lib/suggest/draft-answer.ts']);

/** Every module the panel entry reaches at run time, each with the chain of imports from the entry. */
async function panelGraph(): Promise<{ modules: ICruiseResult['modules']; chains: Map<string, string[]> }> {
  // The project's own options (.dependency-cruiser.mjs, as `npm run check:cycles`): resolution, tsconfig paths, exclusions.
  const configUrl = pathToFileURL(resolve('.dependency-cruiser.mjs')).href;
  const { options } = ((await import(configUrl)) as { default: { options: Record<string, unknown> } }).default;
  const result = await cruise([PANEL_ENTRY], { ...options, validate: false }, undefined, { tsConfig: extractTSConfig('tsconfig.json') });
  const { modules } = result.output as ICruiseResult;
  const bySource = new Map(modules.map((m) => [m.source, m]));
  const chains = new Map<string, string[]>([[PANEL_ENTRY, [PANEL_ENTRY]]]);
  const queue = [PANEL_ENTRY];
  while (queue.length) {
    const from = queue.shift()!;
    for (const dep of bySource.get(from)?.dependencies ?? []) {
      if (dep.dependencyTypes.includes('type-only')) continue;
      if (dep.dependencyTypes.includes('dynamic-import') && LAZY.has(`${from} -> ${dep.resolved}`)) continue;
      if (chains.has(dep.resolved)) continue;
      chains.set(dep.resolved, [...chains.get(from)!, dep.resolved]);
      queue.push(dep.resolved);
    }
  }
  return { modules: modules.filter((m) => chains.has(m.source)), chains };
}

describe('the panel page', () => {
  it('imports no Zod at run time (only the listed lazy imports may load it, on request)', async () => {
    const { modules, chains } = await panelGraph();
    // The walk reached the app: the panel's components and stores are on it.
    expect(chains.has('components/panel/PanelApp.tsx')).toBe(true);
    expect(chains.has('stores/settings.ts')).toBe(true);
    const zodUsers = modules
      .filter((m) => m.dependencies.some((d) => !d.dependencyTypes.includes('type-only') && (d.module === 'zod' || d.module.startsWith('zod/'))))
      .map((m) => chains.get(m.source)!.join(' -> '));
    expect(zodUsers).toEqual([]);
  }, 60_000);
});
