import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { backupMessages, createBackup, EN_BACKUP_MESSAGES, parseBackup } from '../../lib/export/backup';
import { SYNTHETIC_GUIDE } from '../../lib/export/fixtures';
import { importGuide } from '../../lib/guides/import';
import {
  EN_GUIDE_IMPORT_MESSAGES,
  GUIDE_IMPORT_MESSAGE_KEYS,
  guideImportMessages,
  zodErrorMap,
  type GuideImportMessages,
} from '../../lib/guides/messages';
import { Guide } from '../../lib/guides/schema';

const fixture = (name: string) => readFileSync(path.resolve('tests/fixtures/guides', name), 'utf8');

/**
 * A `t` over one locale file that fills `$n` as `browser.i18n.getMessage` does in Chromium and Firefox: each from
 * the substitutions, or with nothing when there is none.
 */
function localeT(language: 'en' | 'it'): (key: string, substitutions?: string[]) => string {
  const data = parse(readFileSync(path.resolve('locales', `${language}.yml`), 'utf8')) as Record<string, unknown>;
  return (key, substitutions = []) => {
    const value = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], data);
    if (typeof value !== 'string') throw new Error(`no locale key ${key} in ${language}.yml`);
    return value.replace(/\$(\d)/g, (_, n: string) => substitutions[Number(n) - 1] ?? '');
  };
}

const ITALIAN: GuideImportMessages = guideImportMessages(localeT('it'));
const errorsOf = (result: ReturnType<typeof importGuide>) => (result.ok ? [] : result.errors);

describe('guide import messages', () => {
  it('has every key in both locales, and the English locale says exactly what the built-in English default says', () => {
    for (const language of ['en', 'it'] as const) {
      const t = localeT(language);
      for (const key of GUIDE_IMPORT_MESSAGE_KEYS) expect(() => t(key), `${language}: ${key}`).not.toThrow();
    }
    const { zodErrors, ...english } = guideImportMessages(localeT('en'));
    expect(zodErrors).toBeUndefined();
    expect(english).toEqual(EN_GUIDE_IMPORT_MESSAGES);
    expect(ITALIAN.zodErrors).toBeTypeOf('function');
    // The placeholders survive the browser's substitution, for backups too.
    expect(ITALIAN.headingInStage).toBe('l\'intestazione "$1" nella fase "$2" non è "Domande" né "Segnali d\'allarme"; il suo contenuto è stato ignorato');
    expect(backupMessages(localeT('en'))).toEqual(EN_BACKUP_MESSAGES);
  });

  it('words every problem of a malformed JSON guide in Italian, Zod reasons included, keeping the paths', () => {
    expect(errorsOf(importGuide(fixture('malformed.json'), { filename: 'malformed.json', messages: ITALIAN }))).toEqual([
      "schemaVersion: deve essere 1 (l'unica versione del formato delle guide che questa estensione sa leggere)",
      'id: deve essere uno slug in minuscolo (lettere, cifre, trattini singoli)',
      'title: obbligatorio',
      'locale: deve essere un codice di lingua come "en" o "it"',
      'lookFor[0].text: non può essere vuoto',
      'stages[0].title: obbligatorio',
      // These two come from Zod itself, in its Italian locale.
      'stages[0].questions[0].core: Input non valido: atteso boolean, ricevuto string',
      expect.stringMatching(/^stages\[1\]\.durationMinutes: Troppo piccolo: /),
      'guide: campo sconosciuto "colour"',
      'stages: id di fase "screen" ripetuto',
    ]);
  });

  it('prefixes Markdown problems with the line in Italian', () => {
    expect(errorsOf(importGuide(fixture('malformed.md'), { messages: ITALIAN }))).toEqual([
      'riga 1: id: deve essere uno slug in minuscolo (lettere, cifre, trattini singoli)',
      'riga 5: stages[0].title: non può essere vuoto',
      'riga 12: stages[1].id: deve essere uno slug in minuscolo (lettere, cifre, trattini singoli)',
      'stages: id di domanda "same-id" ripetuto',
    ]);
    const noTitle = importGuide('## Hiring process\n\n### Screen\n', { messages: ITALIAN });
    expect(errorsOf(noTitle)).toEqual(['riga 1: una guida in Markdown inizia con un titolo "# Titolo"']);
  });

  it('refuses pasted text with no recognisable stages in Italian, and words its warnings in Italian', () => {
    const result = importGuide(fixture('no-stages.txt'), { messages: ITALIAN });
    expect(result).toMatchObject({ ok: false, format: 'text' });
    expect(errorsOf(result)).toEqual([
      'nessuna fase riconoscibile: aggiungi un titolo "Il processo di assunzione" (o "Hiring process") seguito dalle fasi numerate',
    ]);
    const untitled = importGuide('Support Specialist\n\nHiring process\n1. Phone screen\n- Why support?\n', { messages: ITALIAN });
    expect(untitled.ok && untitled.warnings).toEqual([
      'riga 1: manca una riga "Come assumere un/a …" (o "How to hire a …"); come titolo è stata usata la prima riga',
    ]);
    expect(errorsOf(importGuide('How to hire a X\n\nHiring process\nWe talk.\n', { messages: ITALIAN }))).toEqual([
      'nessuna fase trovata nella sezione del processo di assunzione: numera ogni fase ("1. Colloquio tecnico")',
    ]);
  });

  it('stays English by default, and leaves Zod’s global configuration alone', () => {
    importGuide(fixture('malformed.json'), { messages: ITALIAN });
    const errors = errorsOf(importGuide(fixture('malformed.json'), { filename: 'malformed.json' }));
    expect(errors).toContain('title: required');
    expect(errors).toContain('stages[0].questions[0].core: Invalid input: expected boolean, received string');
    expect(errors).toContain('stages: duplicate stage id "screen"');
    expect(errorsOf(importGuide(fixture('no-stages.txt')))).toEqual([expect.stringMatching(/^no recognisable stages: /)]);
    // Any other parse in this process still gets Zod's English.
    const other = z.object({ n: z.number() }).safeParse({ n: 'x' });
    expect(other.success || other.error.issues[0]?.message).toBe('Invalid input: expected number, received string');
    expect(Guide.safeParse({}).error?.issues[0]?.message).toMatch(/^Invalid input/);
  });

  it('picks Zod’s Italian locale only for Italian', () => {
    expect(zodErrorMap('it')).toBeTypeOf('function');
    expect(zodErrorMap('it-IT')).toBe(zodErrorMap('it'));
    expect(zodErrorMap('en')).toBeUndefined();
    expect(zodErrorMap('de')).toBeUndefined();
  });
});

describe('backup validation with guide messages', () => {
  const backupText = (edit: (data: Record<string, unknown>) => void) => {
    const data = JSON.parse(JSON.stringify(createBackup([], [], Date.UTC(2026, 0, 5)))) as Record<string, unknown>;
    edit(data);
    return JSON.stringify(data);
  };

  it('words Zod’s reasons and the reasons inside a carried guide in Italian, and in English by default', () => {
    const text = backupText((data) => {
      data.interviews = 'none';
      data.guides = [{ id: SYNTHETIC_GUIDE.id, guide: { ...SYNTHETIC_GUIDE, title: ' ' }, createdAt: 1, updatedAt: 1 }];
    });
    const italian = parseBackup(text, { guideMessages: ITALIAN });
    expect(!italian.ok && italian.errors).toEqual([
      'guides[0].guide.title: non può essere vuoto',
      expect.stringMatching(/^interviews: Input non valido: atteso /),
    ]);
    const english = parseBackup(text);
    expect(!english.ok && english.errors).toEqual([
      'guides[0].guide.title: must not be empty',
      'interviews: Invalid input: expected array, received string',
    ]);
  });
});
