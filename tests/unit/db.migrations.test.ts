import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSIONS } from '../../lib/db/database';
import { InterviewRow, NoteRow } from '../../lib/db/records';
import { InterviewRepository } from '../../lib/db/repository';
import { upgradeFrom } from './support/migrations';
import { TEST_GUIDE } from './support/services';

const interviewV1 = InterviewRow.parse({
  id: 'i1',
  candidateName: 'Alex Rivera',
  guideId: TEST_GUIDE.id,
  guideTitle: TEST_GUIDE.title,
  guideSnapshotKey: 'test-guide@00000000',
  currentStageId: 'screen',
  state: 'ended',
  createdAt: 1,
  updatedAt: 2,
});

describe('database versions', () => {
  it('versions are numbered 1, 2, 3… in order', () => {
    expect(SCHEMA_VERSIONS.map((v) => v.version)).toEqual(SCHEMA_VERSIONS.map((_, i) => i + 1));
  });

  // Pattern for every future version N: write rows with version N-1, open the current database, and check that
  // each row reads back (upgraded where the upgrade function changes it).
  it.each(SCHEMA_VERSIONS.map((v) => v.version))('opens data written by version %i with the current schema', async (version) => {
    const db = await upgradeFrom(version, async (old) => {
      await old.table('guideSnapshots').put({ key: 'test-guide@00000000', guide: TEST_GUIDE, createdAt: 1 });
      await old.table('interviews').put(interviewV1);
      await old.table('notes').put(NoteRow.parse({ id: 'n1', interviewId: 'i1', text: 'kept', createdAt: 1, updatedAt: 1 }));
    });
    expect(db.verno).toBe(SCHEMA_VERSIONS.at(-1)!.version);
    expect(InterviewRow.parse(await db.interviews.get('i1'))).toEqual(interviewV1);
    expect((await db.notes.where('interviewId').equals('i1').toArray()).map((n) => n.text)).toEqual(['kept']);
    db.close();
  });

  it('reads guides stored before the rename with their criteria list under "criteria" (key order kept)', async () => {
    const { criteria, ...rest } = TEST_GUIDE;
    const stored = Object.fromEntries(Object.entries(TEST_GUIDE).map(([k, v]) => (k === 'criteria' ? ['lookFor', criteria] : [k, v])));
    expect(stored).not.toHaveProperty('criteria');
    expect(rest).not.toHaveProperty('lookFor');
    const db = await upgradeFrom(1, async (old) => {
      await old.table('guideSnapshots').put({ key: 'test-guide@00000000', guide: stored, createdAt: 1 });
      await old.table('customGuides').put({ id: TEST_GUIDE.id, guide: stored, createdAt: 1, updatedAt: 1 });
      await old.table('interviews').put(interviewV1);
    });
    expect((await db.guideSnapshots.get('test-guide@00000000'))!.guide).toEqual(TEST_GUIDE);
    expect(Object.keys((await db.customGuides.toArray())[0]!.guide)).toEqual(Object.keys(TEST_GUIDE));
    const repo = new InterviewRepository(db, { now: () => 3, newId: () => 'x' });
    expect((await repo.getBundle('i1')).guide.criteria).toEqual(criteria);
    db.close();
  });
});
