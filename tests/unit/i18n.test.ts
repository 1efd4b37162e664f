import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/** Flattens nested locale keys to dotted paths (`panel.title`). */
function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keysOf(v, prefix ? `${prefix}.${k}` : k));
}

const dir = path.resolve('locales');
const locales = Object.fromEntries(
  readdirSync(dir)
    .filter((f) => f.endsWith('.yml'))
    .map((f) => [f.replace('.yml', ''), parse(readFileSync(path.join(dir, f), 'utf8')) as unknown]),
);

describe('locales', () => {
  it('ships English and Italian', () => {
    expect(Object.keys(locales).sort()).toEqual(['en', 'it']);
  });

  it('has every key in every locale', () => {
    const en = new Set(keysOf(locales.en));
    const it_ = new Set(keysOf(locales.it));
    expect([...en].filter((k) => !it_.has(k)), 'keys missing in it.yml').toEqual([]);
    expect([...it_].filter((k) => !en.has(k)), 'keys missing in en.yml').toEqual([]);
  });

  it('uses the same $n placeholders in both languages', () => {
    const flat = (v: unknown, p = ''): [string, string][] =>
      typeof v === 'object' && v !== null
        ? Object.entries(v).flatMap(([k, x]) => flat(x, p ? `${p}.${k}` : k))
        : [[p, String(v)]];
    const it_ = new Map(flat(locales.it));
    for (const [key, text] of flat(locales.en)) {
      const placeholders = (s: string) => [...s.matchAll(/\$(\d)/g)].map((m) => m[1]).sort().join();
      expect(placeholders(it_.get(key) ?? ''), key).toBe(placeholders(text));
    }
  });

  it('uses only keys that exist, everywhere in the source', () => {
    const en = new Set(keysOf(locales.en));
    const files = readdirSync('.', { recursive: true, encoding: 'utf8' }).filter(
      (f) => /\.(ts|tsx)$/.test(f) && !/^(node_modules|\.output|\.wxt|tests|artifacts)\//.test(f),
    );
    const missing: string[] = [];
    for (const file of files) {
      for (const match of readFileSync(file, 'utf8').matchAll(/i18n\.t\(\s*'([^']+)'/g)) {
        if (!en.has(match[1]!)) missing.push(`${file}: ${match[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
