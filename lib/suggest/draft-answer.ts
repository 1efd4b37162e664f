import { z } from 'zod';

/**
 * The check of a drafted follow-up (lib/suggest/draft.ts), apart so that Zod is loaded only when the interviewer
 * asks for a draft: the in-call panel's start stays free of it (issue 12, item 5).
 */

/** The answer, checked again on our side: the model's output is never trusted blindly. */
export const DraftedFollowUp = z.object({ question: z.string().trim().min(8).max(400) });

/**
 * Checks the model's parsed answer against `DraftedFollowUp`.
 * @returns the question (trimmed), or the reasons it was refused as Zod words them.
 */
export function checkDraftedFollowUp(answer: unknown): { ok: true; question: string } | { ok: false; reasons: string } {
  const checked = DraftedFollowUp.safeParse(answer);
  return checked.success ? { ok: true, question: checked.data.question } : { ok: false, reasons: z.prettifyError(checked.error) };
}
