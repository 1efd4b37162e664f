import { describe, expect, it } from 'vitest';
import { createBackup, validateBackup } from '../../lib/export/backup';
import { exportFileName, slugify } from '../../lib/export/files';
import { makeSyntheticBundles } from '../../lib/export/fixtures';

describe('export file names', () => {
  const day = new Date(2026, 10, 29, 23, 59); // local time: the name uses the interviewer's own calendar day

  it('names exports by content and date', () => {
    expect(exportFileName('json', day)).toBe('interviews-2026-11-29.json');
    expect(exportFileName('csv', day)).toBe('interviews-2026-11-29.csv');
    expect(exportFileName('md', day)).toBe('scorecards-2026-11-29.md');
    expect(exportFileName('md', day, 'Alex Rivera')).toBe('scorecard-alex-rivera-2026-11-29.md');
    expect(exportFileName('json', day, 'Alex Rivera')).toBe('interview-alex-rivera-2026-11-29.json');
  });

  it('makes a safe slug of any candidate name', () => {
    expect(slugify('Zoë Brontë-Łukasz')).toBe('zoe-bronte-łukasz');
    expect(slugify('../../etc/passwd')).toBe('etc-passwd');
    expect(slugify('CON: <script> "x" | y?*')).toBe('con-script-x-y');
    expect(slugify('李雷')).toBe('李雷');
    expect(slugify('a'.repeat(50) + ' ' + 'b'.repeat(50))).toBe('a'.repeat(50));
    expect(slugify('x'.repeat(100))).toHaveLength(60);
    expect(exportFileName('md', day, '***')).toBe('scorecards-2026-11-29.md');
  });
});

describe('synthetic bundles', () => {
  it('are deterministic for a seed and differ between seeds', () => {
    expect(JSON.stringify(makeSyntheticBundles(5, 4, 42))).toBe(JSON.stringify(makeSyntheticBundles(5, 4, 42)));
    expect(JSON.stringify(makeSyntheticBundles(5, 4, 42))).not.toBe(JSON.stringify(makeSyntheticBundles(5, 4, 43)));
  });

  it('have the requested size and form a valid backup', () => {
    const bundles = makeSyntheticBundles(40, 25, 1);
    expect(bundles).toHaveLength(40);
    expect(bundles.every((b) => b.notes.length === 25)).toBe(true);
    expect(new Set(bundles.flatMap((b) => b.notes.map((n) => n.id))).size).toBe(1000);
    const result = validateBackup(JSON.parse(JSON.stringify(createBackup(bundles, [], 0))));
    expect(result.ok ? [] : result.errors).toEqual([]);
  });
});
