import { describe, expect, it } from 'vitest';
import { fromMarkdown } from 'mdast-util-from-markdown';
import type { InterviewBundle, InterviewRow } from '../../lib/db/records';
import { buildDebrief, debriefKey, debriefToMarkdown, groupForDebrief, type DebriefLabels } from '../../lib/sync/debrief';
import { TEST_GUIDE } from './support/services';

const LABELS: DebriefLabels = {
  debrief: 'Debrief',
  roleGuide: 'Role guide',
  candidateRef: 'Candidate reference',
  recommendations: 'Recommendations',
  criteria: 'Criteria',
  redFlags: 'Red flags raised',
  noRedFlags: 'No red flags raised.',
  summary: 'Summary',
  notes: 'Notes',
  notRated: 'Not rated',
  interviewer: 'Interviewer',
  ratings: { 'strong-no': 'Strong no', no: 'No', yes: 'Yes', 'strong-yes': 'Strong yes' },
};

function row(id: string, patch: Partial<InterviewRow>): InterviewRow {
  return {
    id,
    candidateName: 'Dana Rossi',
    candidateRef: '',
    guideId: TEST_GUIDE.id,
    guideTitle: TEST_GUIDE.title,
    guideSnapshotKey: 'k',
    currentStageId: 'screen',
    stageStartedAt: null,
    platform: null,
    meetingId: null,
    meetingUrl: null,
    state: 'ended',
    scheduledAt: null,
    startedAt: 1_000,
    callStartedAt: null,
    endedAt: null,
    recommendation: null,
    summary: '',
    noteCount: 0,
    createdAt: 1_000,
    updatedAt: 1_000,
    transcript: null,
    ...patch,
  } as InterviewRow;
}

describe('debrief', () => {
  it('groups by reference link (case, slash and fragment aside), else by name and role guide', () => {
    const rows = [
      row('a', { candidateRef: 'https://ats.example.com/c/42' }),
      row('b', { candidateRef: 'HTTPS://ats.example.com/c/42/#notes', sharedBy: { owner: 'bob', name: 'Bob' } }),
      row('c', { candidateName: ' dana  rossi ' }),
      row('d', { candidateName: 'Dana Rossi', sharedBy: { owner: 'carol', name: 'Carol' } }),
      row('e', { candidateName: 'Dana Rossi', guideId: 'other-guide' }),
    ];
    expect(debriefKey(rows[0]!)).toBe(debriefKey(rows[1]!));
    const groups = groupForDebrief(rows, 'Alice');
    expect(groups.map((g) => [g.count, g.interviewers])).toEqual(
      expect.arrayContaining([
        [2, ['Alice', 'Bob']],
        [2, ['Alice', 'Carol']],
        [1, ['Alice']],
      ]),
    );
  });

  it('exports recommendations, a criteria table per interviewer, red flags and notes as safe Markdown', () => {
    const mine: InterviewBundle = {
      interview: row('a', { recommendation: 'yes', summary: 'Solid | clear' }),
      guide: TEST_GUIDE,
      notes: [{ id: 'n1', interviewId: 'a', questionId: null, stageId: null, text: '# not a heading', offsetMs: null, createdAt: 1, updatedAt: 1 }],
      questionStates: [],
      redFlagChecks: [{ interviewId: 'a', redFlagId: 'rf-blame', stageId: 'screen', checked: true, note: 'blamed the team', updatedAt: 1 }],
      criterionRatings: [{ interviewId: 'a', criterionId: 'clarity', rating: 'strong-yes', note: '', updatedAt: 1 }],
    };
    const theirs: InterviewBundle = {
      ...mine,
      interview: row('b', { recommendation: 'no', sharedBy: { owner: 'bob', name: 'Bob' }, startedAt: 2_000 }),
      notes: [],
      redFlagChecks: [],
      criterionRatings: [{ interviewId: 'b', criterionId: 'clarity', rating: 'no', note: '', updatedAt: 1 }],
    };
    const debrief = buildDebrief('k', [theirs, mine], 'Alice');
    expect(debrief.entries.map((e) => [e.interviewer, e.own])).toEqual([
      ['Alice', true],
      ['Bob', false],
    ]);
    const markdown = debriefToMarkdown(debrief, LABELS);
    expect(markdown).toContain('- **Alice:** Yes\n- **Bob:** No');
    expect(markdown).toContain('| Criteria | Alice | Bob |');
    expect(markdown).toMatch(/\| Explains clearly \| Strong yes \| No \|/);
    expect(markdown).toContain('- **Blames others** (Alice)');
    // Typed text stays literal: no heading is created from a note.
    const headings = fromMarkdown(markdown).children.filter((n) => n.type === 'heading').length;
    expect(headings).toBe(1 + 3 + 2);
  });
});
