/**
 * Plain values of the interview records, without Zod: views that must start fast (the in-call panel) import these
 * instead of the row schemas in `./records`, which builds them from here and re-exports them.
 */

/** The four-point scale, with no neutral point. Keys 1–4 in the panel map to these in order. */
export const RATINGS = ['strong-no', 'no', 'yes', 'strong-yes'] as const;

/** The call platforms the extension works on. */
export const PLATFORMS = ['meet', 'zoom', 'teams'] as const;

/**
 * Most characters one free-text field (note, question/criterion/red-flag note, summary, transcript line) takes:
 * 5,000,000 (about 10 MB as UTF-16), far above any paste an interviewer makes and far below the browsers'
 * message size limit (64 MiB in Chromium), so text of any realistic size is saved whole (issue 17, item 5).
 */
export const MAX_TEXT_CHARS = 5_000_000;

/** Whether a note is the Notes box's draft rather than an entered note (see `NoteRow.draft` in `./records`). */
export const isDraftNote = (note: { draft?: boolean | undefined }): boolean => note.draft === true;
