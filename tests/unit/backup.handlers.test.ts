import { describe, expect, it } from 'vitest';
import { dispatch } from '../../lib/background/router';
import { BACKUP_FORMAT, mergeBackups, type Backup } from '../../lib/export/backup';
import type { MessageInput, MessageName } from '../../lib/protocol/protocol';
import { ENV, makeServices, popupSender, TEST_GUIDE } from './support/services';

const optionsSender = { id: 'self-id', url: 'chrome-extension://self-id/options.html' };

function client(env: ReturnType<typeof makeServices>) {
  return async <K extends MessageName>(name: K, input: MessageInput<K>) => {
    const result = await dispatch(name, input, optionsSender, env.handlers, ENV);
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message} ${result.error.issues?.join('; ') ?? ''}`);
    return result.value;
  };
}

/** Every row of every table, sorted, to compare whole databases. */
async function dump(env: ReturnType<typeof makeServices>) {
  const out: Record<string, unknown[]> = {};
  for (const table of env.db.tables) {
    const rows = await table.toArray();
    out[table.name] = rows.map((r) => JSON.stringify(r)).sort();
  }
  return out;
}

const customGuide = { ...TEST_GUIDE, id: 'custom-copy', title: 'My copy of the test guide' };

/** An interview with a note, a question rating, a red flag and a criterion rating, plus a custom guide. */
async function seed(env: ReturnType<typeof makeServices>) {
  const call = client(env);
  await call('guides.save', { guide: customGuide });
  const a = await call('interviews.start', { candidateName: 'Alex Rivera', guideId: 'test-guide', id: 'iv-a', tabId: null });
  env.advance(1000);
  await call('notes.upsert', { id: 'n-1', interviewId: a.id, text: 'Sketched the queue first' });
  await call('questions.upsert', { interviewId: a.id, questionId: 'q-design', patch: { rating: 'yes', note: 'Good trade-offs' } });
  await call('redFlags.upsert', { interviewId: a.id, redFlagId: 'rf-blame', patch: { checked: true } });
  await call('criteria.upsert', { interviewId: a.id, criterionId: 'clarity', patch: { rating: 'strong-yes' } });
  await call('interviews.update', { id: a.id, patch: { recommendation: 'yes', summary: 'Hire for the platform team.' } });
  const b = await call('interviews.start', { candidateName: 'Giulia Rossi', guideId: 'custom-copy', id: 'iv-b', tabId: null });
  await call('notes.upsert', { id: 'n-2', interviewId: b.id, text: '=1+1 looks like a formula' });
  return { a, b };
}

describe('data.export', () => {
  it('writes a versioned backup of every interview with its rows, snapshots and custom guides', async () => {
    const env = makeServices();
    await seed(env);
    const backup = (await client(env)('data.export', {})) as Backup;
    expect(backup).toMatchObject({ format: BACKUP_FORMAT, version: 1, exportedAt: new Date(env.now).toISOString() });
    expect(backup.interviews.map((i) => i.id).sort()).toEqual(['iv-a', 'iv-b']);
    expect(backup.notes.map((n) => n.text).sort()).toEqual(['=1+1 looks like a formula', 'Sketched the queue first']);
    expect(backup.questionStates).toHaveLength(1);
    expect(backup.redFlagChecks).toHaveLength(1);
    expect(backup.criterionRatings).toHaveLength(1);
    expect(backup.guideSnapshots.map((s) => s.guide.id).sort()).toEqual(['custom-copy', 'test-guide']);
    expect(backup.guides.map((g) => g.id)).toEqual(['custom-copy']);
  });

  it('in batches of ids (what the options page does for large exports) gives the same backup as one call', async () => {
    const env = makeServices();
    const call = client(env);
    await seed(env);
    await call('guides.save', { guide: { ...TEST_GUIDE, id: 'unused-guide', title: 'Never used' } });
    const whole = await call('data.export', {});
    const parts = [await call('data.export', { ids: ['iv-b'], allGuides: true }), await call('data.export', { ids: ['iv-a'] })];
    const joined = mergeBackups(parts, env.now);
    const sorted = (b: Backup) => Object.fromEntries(Object.entries(b).map(([k, v]) => [k, Array.isArray(v) ? v.map((r) => JSON.stringify(r)).sort() : v]));
    expect(sorted(joined)).toEqual(sorted(whole));
    expect(joined.guides.map((g) => g.id).sort()).toEqual(['custom-copy', 'unused-guide']);
  });

  it('exports only the chosen interviews, with only the custom guides they used', async () => {
    const env = makeServices();
    await seed(env);
    const call = client(env);
    const onlyA = (await call('data.export', { ids: ['iv-a'] })) as Backup;
    expect(onlyA.interviews.map((i) => i.id)).toEqual(['iv-a']);
    expect(onlyA.notes.map((n) => n.interviewId)).toEqual(['iv-a']);
    expect(onlyA.guides).toEqual([]);
    const onlyB = (await call('data.export', { ids: ['iv-b'] })) as Backup;
    expect(onlyB.guides.map((g) => g.id)).toEqual(['custom-copy']);
  });
});

describe('data.import', () => {
  it('restores a wiped database to exactly the same records', async () => {
    const env = makeServices();
    await seed(env);
    const call = client(env);
    const before = await dump(env);
    const backup = await call('data.export', {});
    await call('data.wipe', { confirm: 'DELETE' });
    expect(await env.db.interviews.count()).toBe(0);
    env.events.length = 0;

    const report = await call('data.import', { backup: JSON.parse(JSON.stringify(backup)) });
    // 2 interviews, 2 notes, 1 question, 1 red flag, 1 criterion, 2 snapshots, 1 custom guide.
    expect(report).toEqual({ added: 10, updated: 0, unchanged: 0, refused: [] });
    expect(await dump(env)).toEqual(before);
    expect(env.events).toContainEqual({ type: 'interviews-changed' });
    expect(env.events).toContainEqual({ type: 'guides-changed' });
    expect(env.events).toContainEqual({ type: 'interview-changed', interviewId: 'iv-a' });
  });

  it('is idempotent: importing the same backup again changes nothing', async () => {
    const env = makeServices();
    await seed(env);
    const call = client(env);
    const backup = await call('data.export', {});
    const before = await dump(env);
    env.events.length = 0;
    const first = await call('data.import', { backup });
    expect(first).toEqual({ added: 0, updated: 0, unchanged: 10, refused: [] });
    const second = await call('data.import', { backup });
    expect(second).toEqual(first);
    expect(await dump(env)).toEqual(before);
    expect(env.events).toEqual([]);
  });

  it('keeps the newer row: an older backup never overwrites a later edit, a newer one does', async () => {
    const env = makeServices();
    await seed(env);
    const call = client(env);
    const old = (await call('data.export', {})) as Backup;
    env.advance(60_000);
    await call('notes.upsert', { id: 'n-1', interviewId: 'iv-a', text: 'Edited after the backup' });

    const report = await call('data.import', { backup: old });
    expect(report.updated).toBe(0);
    expect((await env.db.notes.get('n-1'))?.text).toBe('Edited after the backup');

    const newer = structuredClone(old);
    const note = newer.notes.find((n) => n.id === 'n-1')!;
    note.text = 'From a newer machine';
    note.updatedAt = env.now + 10_000;
    const second = await call('data.import', { backup: newer });
    expect(second).toMatchObject({ added: 0, updated: 1, refused: [] });
    expect((await env.db.notes.get('n-1'))?.text).toBe('From a newer machine');
  });

  it('refuses a corrupted backup whole and changes nothing', async () => {
    const env = makeServices();
    await seed(env);
    const call = client(env);
    const backup = (await call('data.export', {})) as Backup;
    await call('data.wipe', { confirm: 'DELETE' });
    const empty = await dump(env);
    env.events.length = 0;

    const corrupted = structuredClone(backup) as unknown as { interviews: Record<string, unknown>[]; notes: Record<string, unknown>[] };
    corrupted.interviews[1]!.candidateName = '';
    corrupted.notes.push({ ...corrupted.notes[0], id: 'n-orphan', interviewId: 'nobody' });
    const report = await call('data.import', { backup: corrupted });

    expect(report.added + report.updated + report.unchanged).toBe(0);
    const paths = report.refused.map((r) => r.path);
    expect(paths).toContain('interviews[1].candidateName');
    expect(paths).toContain('notes[2].interviewId');
    expect(report.refused.find((r) => r.path === 'notes[2].interviewId')?.reason).toMatch(/nobody/);
    expect(await dump(env)).toEqual(empty);
    expect(env.events).toEqual([]);
  });

  it('refuses a file that is not a backup, or from a newer version, with one clear reason', async () => {
    const env = makeServices();
    const call = client(env);
    const notBackup = await call('data.import', { backup: { hello: 'world' } });
    expect(notBackup.refused).toEqual([{ path: 'format', reason: expect.stringMatching(/not an Interview Copilot backup/) as unknown as string }]);
    const newer = await call('data.import', {
      backup: { format: BACKUP_FORMAT, version: 2, exportedAt: new Date().toISOString(), guideSnapshots: [], interviews: [] },
    });
    expect(newer.refused[0]).toMatchObject({ path: 'version' });
    expect(newer.refused[0]?.reason).toMatch(/newer version/);
    expect(await env.db.interviews.count()).toBe(0);
  });

  it('refuses a custom guide that reuses a bundled id, and imports the rest', async () => {
    const env = makeServices();
    await seed(env);
    const call = client(env);
    const backup = (await call('data.export', {})) as Backup;
    const otherEnv = makeServices();
    const hijack = structuredClone(backup);
    hijack.guides.push({ id: 'test-guide', guide: { ...TEST_GUIDE, title: 'Replaced!' }, createdAt: 1, updatedAt: 2 });
    const report = await client(otherEnv)('data.import', { backup: hijack });
    expect(report.refused).toEqual([{ path: 'guides[1]', reason: expect.stringMatching(/bundled/) as unknown as string }]);
    expect(report.added).toBe(10);
    expect(await otherEnv.db.customGuides.get('test-guide')).toBeUndefined();
    const guide = await client(otherEnv)('guides.get', { id: 'test-guide' });
    expect(guide.title).toBe('Test Engineer');
  });

  it('counts notes again when a backup adds notes to an interview the database kept', async () => {
    const env = makeServices();
    await seed(env);
    const call = client(env);
    const backup = (await call('data.export', {})) as Backup;
    await call('notes.delete', { id: 'n-1' });
    expect((await env.db.interviews.get('iv-a'))?.noteCount).toBe(0);
    const report = await call('data.import', { backup });
    expect(report.added).toBe(1);
    expect((await env.db.interviews.get('iv-a'))?.noteCount).toBe(1);
  });

  it('is reachable from extension pages only', async () => {
    const env = makeServices();
    const result = await dispatch('data.export', {}, { id: 'self-id', url: 'https://meet.google.com/x', tab: { id: 1 }, frameId: 0 }, env.handlers, ENV);
    expect(result.ok).toBe(false);
    const fromPopup = await dispatch('data.export', {}, popupSender, env.handlers, ENV);
    expect(fromPopup.ok).toBe(true);
  });
});
