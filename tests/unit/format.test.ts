import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorMessage, errorText, formatIssues, formatNoteOffset, formatOffset, formatPath } from '../../lib/format';
import { formatPath as backupPath } from '../../lib/export/backup';
import { formatPath as guidePath } from '../../lib/guides/issues';
import { ApiCallError } from '../../lib/protocol/result';

describe('lib/format', () => {
  it('formats call offsets as mm:ss, h:mm:ss from an hour on, and --:-- for a note with no call', () => {
    expect(formatOffset(59_900)).toBe('00:59');
    expect(formatOffset(3_723_000)).toBe('1:02:03');
    expect(formatOffset(-5000)).toBe('-00:05');
    expect(formatNoteOffset(null)).toBe('--:--');
    expect(formatNoteOffset(65_000)).toBe('01:05');
  });

  it('formats paths with indexes and dots, naming the empty path after what was read', () => {
    expect(formatPath(['stages', 0, 'questions', 2, 'text'])).toBe('stages[0].questions[2].text');
    expect(formatPath([])).toBe('(root)');
    expect(backupPath(['interviews', 3, 'candidateName'])).toBe('interviews[3].candidateName');
    expect(backupPath([])).toBe('file');
    expect(guidePath([])).toBe('guide');
  });

  it('formats Zod issues as path: reason lines', () => {
    const parsed = z.object({ stages: z.array(z.object({ title: z.string() })) }).safeParse({ stages: [{ title: 1 }] });
    expect(parsed.success).toBe(false);
    expect(formatIssues(parsed.error!.issues)).toEqual([expect.stringMatching(/^stages\[0\]\.title: /)]);
  });

  it('gives the text of anything thrown, with the issues the background listed', () => {
    expect(errorMessage(new Error('disk full'))).toBe('disk full');
    expect(errorMessage('plain')).toBe('plain');
    const failed = new ApiCallError({ code: 'invalid-input', message: 'Invalid input', issues: ['candidateName: Required'] });
    expect(errorText(failed)).toBe('Invalid input — candidateName: Required');
  });
});
