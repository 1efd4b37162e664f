import backendEngineer from '../../guides/backend-engineer.json';
import backendEngineerIt from '../../guides/backend-engineer-it.json';
import dataEngineer from '../../guides/data-engineer.json';
import devopsSreEngineer from '../../guides/devops-sre-engineer.json';
import engineeringManager from '../../guides/engineering-manager.json';
import frontendEngineer from '../../guides/frontend-engineer.json';
import fullStackEngineer from '../../guides/full-stack-engineer.json';
import mlEngineer from '../../guides/ml-engineer.json';
import mobileEngineer from '../../guides/mobile-engineer.json';
import productManager from '../../guides/product-manager.json';
import { validateGuide } from './issues';
import type { Guide } from './schema';

/**
 * The role guides shipped with the extension (files in `guides/`), in the order pickers show them.
 * Static JSON imports rather than `import.meta.glob`, so the same module loads in the service worker bundle, in
 * Vitest and in the command-line tool under tsx. Adding a guide: add its file here; `tests/unit/guides.bundled.test.ts`
 * checks every file in `guides/` is listed.
 */
const SOURCES: readonly unknown[] = [
  backendEngineer,
  backendEngineerIt,
  frontendEngineer,
  fullStackEngineer,
  mobileEngineer,
  devopsSreEngineer,
  dataEngineer,
  mlEngineer,
  engineeringManager,
  productManager,
];

function load(source: unknown): Guide {
  const result = validateGuide(source);
  if (result.ok) return Object.freeze(result.guide);
  const id = typeof source === 'object' && source !== null && 'id' in source ? String(source.id) : '?';
  // A broken bundled guide is a build defect, not user input: fail loudly where the tests will see it.
  throw new Error(`bundled guide "${id}" is invalid:\n${result.errors.join('\n')}`);
}

/** Every bundled guide, validated. Read-only: custom guides are copies saved through `guides.save`. */
export const BUNDLED_GUIDES: readonly Guide[] = Object.freeze(SOURCES.map(load));

const BY_ID = new Map(BUNDLED_GUIDES.map((g) => [g.id, g]));

/** The bundled guide with this id, or undefined. */
export function getBundledGuide(id: string): Guide | undefined {
  return BY_ID.get(id);
}

/** Whether an id belongs to a bundled guide (custom guides may not take these ids). */
export function isBundledGuideId(id: string): boolean {
  return BY_ID.has(id);
}
