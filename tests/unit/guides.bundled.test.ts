import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_GUIDES, getBundledGuide, isBundledGuideId } from '../../lib/guides/bundled';
import { importGuide } from '../../lib/guides/import';
import { validateGuide } from '../../lib/guides/issues';
import { guideToMarkdown } from '../../lib/guides/markdown';
import type { Guide } from '../../lib/guides/schema';

const dir = path.resolve('guides');
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

/** Every id in a guide with the list it belongs to, for the duplicate checks. */
function idsOf(guide: Guide): Record<string, string[]> {
  return {
    stages: guide.stages.map((s) => s.id),
    questions: guide.stages.flatMap((s) => s.questions.map((q) => q.id)),
    redFlags: [...guide.redFlags, ...guide.stages.flatMap((s) => s.redFlags)].map((f) => f.id),
    criteria: guide.criteria.map((l) => l.id),
    tips: guide.tips.map((t) => t.id),
  };
}

describe('bundled guides', () => {
  it('lists every file in guides/ and validates each one', () => {
    expect(BUNDLED_GUIDES.map((g) => `${g.id}.json`).sort()).toEqual([...files].sort());
    for (const file of files) {
      const result = validateGuide(JSON.parse(readFileSync(path.join(dir, file), 'utf8')));
      expect(result.ok ? [] : result.errors, file).toEqual([]);
    }
  });

  it('has unique guide ids and no duplicate ids inside any guide', () => {
    const guideIds = BUNDLED_GUIDES.map((g) => g.id);
    expect(new Set(guideIds).size).toBe(guideIds.length);
    for (const guide of BUNDLED_GUIDES) {
      for (const [list, ids] of Object.entries(idsOf(guide))) {
        expect(ids.filter((id, i) => ids.indexOf(id) !== i), `${guide.id} ${list}`).toEqual([]);
      }
    }
  });

  it('rejects a guide with a duplicate question id (the check the test above relies on)', () => {
    const guide = structuredClone(getBundledGuide('frontend-engineer')) as Guide;
    const [first, second] = guide.stages;
    second!.questions[0]!.id = first!.questions[0]!.id;
    const result = validateGuide(guide);
    expect(result.ok ? [] : result.errors).toContain(`stages: duplicate question id "${first!.questions[0]!.id}"`);
  });

  it.each(BUNDLED_GUIDES.map((g) => [g.id, g] as const))('%s is complete enough to run a real interview', (_id, guide) => {
    expect(guide.summary.length).toBeGreaterThan(80);
    expect(guide.skills.length).toBeGreaterThanOrEqual(4);
    expect(guide.criteria.length).toBeGreaterThanOrEqual(4);
    expect(guide.redFlags.length).toBeGreaterThanOrEqual(4);
    expect(guide.stages.length).toBeGreaterThanOrEqual(4);
    for (const stage of guide.stages) {
      expect(stage.durationMinutes, stage.id).toBeGreaterThanOrEqual(15);
      expect(stage.durationMinutes, stage.id).toBeLessThanOrEqual(120);
      expect(stage.description, stage.id).not.toBe('');
      expect(stage.questions.length, stage.id).toBeGreaterThanOrEqual(3);
      expect(stage.questions.some((q) => q.core), `${stage.id} has a core question`).toBe(true);
      expect(stage.redFlags.length, stage.id).toBeGreaterThanOrEqual(2);
      for (const q of stage.questions) expect(q.followUps.length, q.id).toBeGreaterThanOrEqual(1);
    }
  });

  it.each(BUNDLED_GUIDES.map((g) => [g.id, g] as const))('%s survives export to Markdown and import back', (_id, guide) => {
    const result = importGuide(guideToMarkdown(guide));
    expect(result.ok ? result.warnings : result.errors).toEqual([]);
    expect(result.format).toBe('markdown');
    // Cues included: they travel as a nested "Cues: a; b" line (docs/guide-format.md).
    expect(result.ok && result.guide).toEqual(guide);
  });

  it('has the Backend Engineer guide from the seed: five stages in order, 45-minute screen, the seed counts', () => {
    const guide = getBundledGuide('backend-engineer')!;
    expect(guide).toMatchObject({ title: 'Backend Engineer', locale: 'en' });
    expect(guide.stages.map((s) => s.id)).toEqual(['technical-screen', 'coding-challenge', 'system-design', 'code-review', 'behavioural']);
    expect(guide.stages[0]!.durationMinutes).toBe(45);
    expect(guide.criteria).toHaveLength(6);
    expect(guide.skills).toHaveLength(7);
    expect(guide.redFlags).toHaveLength(5);
    for (const stage of guide.stages) expect(stage.questions.length, stage.id).toBeGreaterThanOrEqual(4);
    // The seed's five interview tips, each asked as a question in the stage it belongs to.
    const stageOf = (questionId: string) => guide.stages.find((s) => s.questions.some((q) => q.id === questionId))?.id;
    expect(stageOf('rate-limiter-design')).toBe('system-design');
    expect(stageOf('bug-in-production')).toBe('behavioural');
    expect(stageOf('relational-vs-document-store')).toBe('technical-screen');
    expect(stageOf('api-versioning')).toBe('technical-screen');
    expect(stageOf('endpoint-security-checks')).toBe('code-review');
  });

  it('has an Italian Backend Engineer guide with the same structure and ids, in Italian', () => {
    const en = getBundledGuide('backend-engineer')!;
    const it_ = getBundledGuide('backend-engineer-it')!;
    expect(it_.locale).toBe('it');
    const shape = (g: Guide) => ({ ...idsOf(g), durations: g.stages.map((s) => s.durationMinutes), skills: g.skills.length });
    expect(shape(it_)).toEqual(shape(en));
    const followUps = (g: Guide) => g.stages.flatMap((s) => s.questions.map((q) => [q.followUps.length, q.core]));
    expect(followUps(it_)).toEqual(followUps(en));
    expect(it_.stages[0]!.title).toMatch(/screening tecnico/i);
    expect(it_.stages.flatMap((s) => s.questions).filter((q, i) => q.text === en.stages.flatMap((s) => s.questions)[i]!.text)).toEqual([]);
  });

  it('finds guides by id', () => {
    expect(getBundledGuide('product-manager')?.title).toBe('Product Manager');
    expect(getBundledGuide('nope')).toBeUndefined();
    expect(isBundledGuideId('data-engineer')).toBe(true);
    expect(BUNDLED_GUIDES.length).toBeGreaterThanOrEqual(9);
  });
});
