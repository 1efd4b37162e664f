import { describe, expect, it } from 'vitest';
import { builtInLanguageModel, canDraft, DRAFT_RESPONSE_SCHEMA, draftFollowUp, DraftError, type LanguageModelApi } from '../../lib/suggest/draft';

/** A fake `LanguageModel` following the Prompt API's documented contract, recording what it was asked. */
function fakeModel(answer: string | Error, availability = 'available') {
  const calls: { kind: string; arg: unknown; options?: unknown }[] = [];
  let destroyed = 0;
  const api: LanguageModelApi = {
    availability: async (options) => (calls.push({ kind: 'availability', arg: options }), availability),
    create: async (options) => {
      calls.push({ kind: 'create', arg: options });
      return {
        prompt: async (input, options) => {
          calls.push({ kind: 'prompt', arg: input, options });
          if (answer instanceof Error) throw answer;
          return answer;
        },
        destroy: () => void destroyed++,
      };
    },
  };
  return { api, calls, destroyed: () => destroyed };
}

const INPUT = {
  language: 'en' as const,
  question: 'When would you choose a relational database over a document store?',
  criteria: ['Data modelling: designs sound schemas'],
  lastAnswer: 'It depends on the data.',
};

describe('drafted follow-up (Prompt API)', () => {
  it('is hidden where the browser has no model, or the model says unavailable, or refuses', async () => {
    expect(builtInLanguageModel({})).toBeNull();
    expect(await canDraft(null, 'en')).toBe(false);
    expect(await canDraft(fakeModel('{}', 'unavailable').api, 'en')).toBe(false);
    const refusing: LanguageModelApi = { ...fakeModel('{}').api, availability: () => Promise.reject(new DOMException('blocked', 'NotAllowedError')) };
    expect(await canDraft(refusing, 'en')).toBe(false);
    expect(await canDraft(fakeModel('{}', 'downloadable').api, 'it')).toBe(true);
    await expect(draftFollowUp(null, INPUT)).rejects.toMatchObject({ reason: 'unavailable' });
  });

  it('asks in the interview language with the schema as responseConstraint, and returns the checked question', async () => {
    const model = fakeModel(JSON.stringify({ question: 'What would make you regret that choice a year later?' }));
    expect(await draftFollowUp(model.api, INPUT)).toBe('What would make you regret that choice a year later?');
    const create = model.calls.find((c) => c.kind === 'create')!.arg as { expectedOutputs: { languages: string[] }[]; initialPrompts: { role: string }[] };
    expect(create.expectedOutputs[0]!.languages).toEqual(['en']);
    expect(create.initialPrompts[0]!.role).toBe('system');
    const prompt = model.calls.find((c) => c.kind === 'prompt')!;
    expect(prompt.arg).toContain('It depends on the data.');
    expect(prompt.arg).toContain('Data modelling');
    expect(prompt.options).toEqual({ responseConstraint: DRAFT_RESPONSE_SCHEMA });
    expect(model.destroyed()).toBe(1);

    const it_ = fakeModel(JSON.stringify({ question: 'Cosa ti farebbe cambiare idea?' }));
    await draftFollowUp(it_.api, { ...INPUT, language: 'it' });
    expect((it_.calls.find((c) => c.kind === 'availability')!.arg as { expectedOutputs: { languages: string[] }[] }).expectedOutputs[0]!.languages).toEqual(['it']);
  });

  it('rejects an answer outside the schema, and keeps the model error text', async () => {
    await expect(draftFollowUp(fakeModel('not json').api, INPUT)).rejects.toMatchObject({ reason: 'invalid-answer' });
    await expect(draftFollowUp(fakeModel(JSON.stringify({ question: '' })).api, INPUT)).rejects.toBeInstanceOf(DraftError);
    const failing = fakeModel(new Error('The model is busy'));
    await expect(draftFollowUp(failing.api, INPUT)).rejects.toMatchObject({ reason: 'failed', message: 'The model is busy' });
    expect(failing.destroyed()).toBe(1);
  });
});
