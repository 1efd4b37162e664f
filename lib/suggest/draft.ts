import type { SuggestLanguage } from './text';

/**
 * A follow-up question drafted on this device by the browser's built-in language model (Chrome's Prompt API,
 * `LanguageModel`; https://developer.chrome.com/docs/ai/prompt-api and the explainer at
 * https://github.com/webmachinelearning/prompt-api). Nothing leaves the machine: the model runs in the browser.
 * Where the API is absent or says `unavailable`, the feature is hidden; everything else works without it.
 */

/** The shape the model must answer in (`responseConstraint`, a JSON Schema). */
export const DRAFT_RESPONSE_SCHEMA = {
  type: 'object',
  properties: { question: { type: 'string', maxLength: 400 } },
  required: ['question'],
  additionalProperties: false,
} as const;

/** The parts of the Prompt API used here, as documented (availability → create → prompt → destroy). */
export interface LanguageModelApi {
  availability(options: LanguageModelOptions): Promise<'unavailable' | 'downloadable' | 'downloading' | 'available' | string>;
  create(options: LanguageModelOptions & { initialPrompts?: { role: 'system' | 'user' | 'assistant'; content: string }[]; signal?: AbortSignal }): Promise<{
    prompt(input: string, options?: { responseConstraint?: object; signal?: AbortSignal }): Promise<string>;
    destroy(): void;
  }>;
}

/** Languages the session will read and write (`expectedInputs` / `expectedOutputs`). */
export interface LanguageModelOptions {
  expectedInputs: { type: 'text'; languages: string[] }[];
  expectedOutputs: { type: 'text'; languages: string[] }[];
}

/** What the draft is made from: the current question, its look-for items and the candidate's last answer. */
export interface DraftInput {
  language: SuggestLanguage;
  question: string;
  criteria: string[];
  lastAnswer: string;
}

/** Why a draft failed: the model is not there, or it answered outside the schema. */
export class DraftError extends Error {
  constructor(
    readonly reason: 'unavailable' | 'invalid-answer' | 'failed',
    message: string,
  ) {
    super(message);
    this.name = 'DraftError';
  }
}

const options = (language: SuggestLanguage): LanguageModelOptions => ({
  expectedInputs: [{ type: 'text', languages: [language] }],
  expectedOutputs: [{ type: 'text', languages: [language] }],
});

/** The browser's `LanguageModel`, or null where there is none (Firefox, older Chrome, tests). */
export function builtInLanguageModel(scope: object = globalThis): LanguageModelApi | null {
  const api = (scope as { LanguageModel?: LanguageModelApi }).LanguageModel;
  return api && typeof api.availability === 'function' && typeof api.create === 'function' ? api : null;
}

/**
 * Whether a follow-up can be drafted in `language`: the API exists and does not say `unavailable` (a model still to
 * download counts: the first click starts it). A refusal (e.g. a permission policy) counts as unavailable.
 */
export async function canDraft(api: LanguageModelApi | null, language: SuggestLanguage): Promise<boolean> {
  if (!api) return false;
  try {
    return (await api.availability(options(language))) !== 'unavailable';
  } catch {
    return false;
  }
}

/** The instructions and the request, in the interview's language. */
export function draftPrompts(input: DraftInput): { system: string; user: string } {
  const criteria = input.criteria.map((c) => `- ${c}`).join('\n');
  if (input.language === 'it') {
    return {
      system:
        "Aiuti chi conduce un colloquio tecnico. Scrivi UNA domanda di approfondimento breve e aperta, in italiano, che porti il candidato a dare prove su ciò che non ha ancora mostrato. Niente giudizi sul candidato.",
      user: `Domanda posta: ${input.question}\nCosa cercare:\n${criteria}\nUltima risposta del candidato: ${input.lastAnswer}`,
    };
  }
  return {
    system:
      'You help someone run a technical interview. Write ONE short, open follow-up question, in English, that leads the candidate to give evidence on what they have not shown yet. No judgement of the candidate.',
    user: `Question asked: ${input.question}\nWhat to look for:\n${criteria}\nCandidate's last answer: ${input.lastAnswer}`,
  };
}

/**
 * Drafts a follow-up on this device. @returns the question text.
 * @throws DraftError `unavailable` without a model, `invalid-answer` when the output breaks the schema, `failed`
 * when the model threw (its message kept).
 */
export async function draftFollowUp(api: LanguageModelApi | null, input: DraftInput, signal?: AbortSignal): Promise<string> {
  if (!(await canDraft(api, input.language))) throw new DraftError('unavailable', 'No on-device language model in this browser');
  const prompts = draftPrompts(input);
  let session: Awaited<ReturnType<LanguageModelApi['create']>>;
  let raw: string;
  try {
    session = await api!.create({ ...options(input.language), initialPrompts: [{ role: 'system', content: prompts.system }], ...(signal ? { signal } : {}) });
  } catch (error) {
    throw new DraftError('failed', error instanceof Error ? error.message : String(error));
  }
  try {
    raw = await session.prompt(prompts.user, { responseConstraint: DRAFT_RESPONSE_SCHEMA, ...(signal ? { signal } : {}) });
  } catch (error) {
    throw new DraftError('failed', error instanceof Error ? error.message : String(error));
  } finally {
    session.destroy();
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new DraftError('invalid-answer', 'The model did not answer in the expected shape');
  }
  // The answer is checked again on our side (the model's output is never trusted blindly), with Zod loaded now.
  const { checkDraftedFollowUp } = await import('./draft-answer');
  const checked = checkDraftedFollowUp(parsed);
  if (!checked.ok) throw new DraftError('invalid-answer', checked.reasons);
  return checked.question;
}
