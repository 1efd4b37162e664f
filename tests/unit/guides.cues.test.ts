import { describe, expect, it, vi } from 'vitest';
import { BUNDLED_GUIDES } from '../../lib/guides/bundled';
import type { Guide } from '../../lib/guides/schema';
import { SuggestEngine, type SuggestEvent } from '../../lib/suggest/engine';
import { suggestStage } from '../../lib/suggest/guide';
import { languageOf, termsOf, type SuggestLanguage } from '../../lib/suggest/text';

// Each case builds engines for every stage of every bundled guide: seconds of CPU on a busy 2-core machine, where the
// default 5 s timeout was hit twice in full runs (a time limit, not a speed goal: speed figures live in the bench).
vi.setConfig({ testTimeout: 60_000 });

/**
 * The cues of every bundled guide, through the same engine the panel uses (lib/suggest): each question's cues mark
 * that question asked and no other question of its stage, each red flag's cues raise that red flag, each criterion's
 * cues are evidence for it, and small talk marks nothing. A failing cue is listed with what it marked instead.
 */

const interviewer = (text: string) => ({ speaker: 'interviewer' as const, text, atMs: 0 });
const candidate = (text: string) => ({ speaker: 'candidate' as const, text, atMs: 0 });
const of = <K extends SuggestEvent['kind']>(events: SuggestEvent[], kind: K) =>
  events.filter((e): e is Extract<SuggestEvent, { kind: K }> => e.kind === kind);

/** Lines any interview has that are about no question, no criterion and no red flag. */
const SMALL_TALK: Record<SuggestLanguage, { interviewer: string[]; candidate: string[] }> = {
  en: {
    interviewer: [
      'Hi, can you hear me all right?',
      'Thanks for making the time today.',
      'Let me share my screen for a second.',
      'Sorry, you froze, could you say that again?',
      'We have about ten minutes left.',
      'Great, that is really helpful, thank you.',
    ],
    candidate: ['Yes, I can hear you fine.', 'Thanks, happy to be here.', 'Sorry, could you repeat the last part?', 'Let me think for a moment.'],
  },
  it: {
    interviewer: [
      'Ciao, mi senti bene?',
      'Grazie per il tempo che ci dedichi oggi.',
      'Condivido lo schermo un attimo.',
      'Scusa, ti sei bloccato, puoi ripetere?',
      'Abbiamo ancora una decina di minuti.',
      'Perfetto, molto utile, grazie.',
    ],
    candidate: ['Sì, ti sento bene.', 'Grazie, è un piacere essere qui.', "Scusa, puoi ripetere l'ultima parte?", 'Fammi pensare un attimo.'],
  },
};

/**
 * Short, harmless answers that share one word with a red flag ("answer", "code", "DNS", "QA"…). A red flag whose text
 * splits into one-word parts (lib/suggest/engine.ts splits at commas, colons and quotes) would raise a cue on them.
 */
const NEUTRAL_ANSWERS: Record<SuggestLanguage, string[]> = {
  en: [
    "That's my answer.",
    "I'd read the code first.",
    'Then it stops.',
    "I'd check DNS and the ports.",
    'We fixed it right now.',
    'QA signed it off.',
    'Ops deployed it.',
    'Then we moved on to the next feature.',
    'The routing worked.',
  ],
  it: [
    'Questa è la mia risposta.',
    'Leggerei prima il codice.',
    'Poi si ferma.',
    'Controllerei il DNS e le porte.',
    "L'abbiamo sistemato subito.",
    "Il QA l'ha approvato.",
    'Poi siamo passati alla funzionalità successiva.',
  ],
};

const engineFor = (guide: Guide, stageId: string) => new SuggestEngine(suggestStage(guide, stageId));

describe.each(BUNDLED_GUIDES.map((g) => [g.id, g] as const))('cues of %s', (_id, guide) => {
  const language = languageOf(guide.locale);

  it('gives every question at least two cues, at least one with a word the question does not use', () => {
    const missing: string[] = [];
    for (const stage of guide.stages) {
      for (const q of stage.questions) {
        const cues = q.cues ?? [];
        const own = new Set(termsOf(q.text, language));
        const fresh = cues.filter((c) => termsOf(c, language).some((t) => !own.has(t)));
        if (cues.length < 2 || fresh.length === 0) missing.push(`${stage.id}/${q.id}: ${cues.length} cues, ${fresh.length} in other words`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('gives every criterion and every red flag cues', () => {
    const items = [...guide.criteria, ...guide.redFlags, ...guide.stages.flatMap((s) => s.redFlags)];
    expect(items.filter((item) => (item.cues ?? []).length === 0).map((item) => item.id)).toEqual([]);
  });

  it("marks each question asked from each of its cues, and no other question of the stage", () => {
    const wrong: string[] = [];
    for (const stage of guide.stages) {
      for (const q of stage.questions) {
        for (const cue of q.cues ?? []) {
          const engine = engineFor(guide, stage.id);
          const asked = of(engine.hear(interviewer(cue)), 'asked').map((e) => e.questionId);
          if (asked.length !== 1 || asked[0] !== q.id) {
            const best = engine.explain(cue).slice(0, 2).map((m) => `${m.questionId} ${m.score}`);
            wrong.push(`${stage.id}/${q.id} "${cue}" → [${asked.join(', ')}] (best: ${best.join('; ')})`);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('marks each question from its own text (two terms or more) and never another question from a text or follow-up', () => {
    const wrong: string[] = [];
    for (const stage of guide.stages) {
      for (const q of stage.questions) {
        for (const [kind, line] of [['text', q.text], ...q.followUps.map((f) => ['follow-up', f])] as const) {
          const engine = engineFor(guide, stage.id);
          const asked = of(engine.hear(interviewer(line)), 'asked').map((e) => e.questionId);
          const mustMark = kind === 'text' && termsOf(line, language).length >= 2;
          if (asked.some((id) => id !== q.id) || (mustMark && asked.length === 0)) {
            const best = engine.explain(line).slice(0, 2).map((m) => `${m.questionId} ${m.score} "${m.phrase}"`);
            wrong.push(`${stage.id}/${q.id} ${kind} "${line}" → [${asked.join(', ')}] (best: ${best.join('; ')})`);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it("raises each red flag's cue from each of its cues (guide-wide flags in every stage)", () => {
    const wrong: string[] = [];
    for (const stage of guide.stages) {
      for (const flag of [...guide.redFlags, ...stage.redFlags]) {
        for (const cue of flag.cues ?? []) {
          const raised = of(engineFor(guide, stage.id).hear(candidate(cue)), 'red-flag-cue').map((e) => e.redFlagId);
          if (!raised.includes(flag.id)) wrong.push(`${stage.id}/${flag.id} "${cue}" → [${raised.join(', ')}]`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it("takes each criterion's cue as evidence for that criterion, and as no red flag, in every stage", () => {
    const wrong: string[] = [];
    for (const stage of guide.stages) {
      for (const criterion of guide.criteria) {
        for (const cue of criterion.cues ?? []) {
          const events = engineFor(guide, stage.id).hear(candidate(cue));
          const evidence = of(events, 'evidence').map((e) => e.criterionId);
          const flags = of(events, 'red-flag-cue').map((e) => e.redFlagId);
          if (!evidence.includes(criterion.id) || flags.length > 0) {
            wrong.push(`${stage.id}/${criterion.id} "${cue}" → evidence [${evidence.join(', ')}], red flags [${flags.join(', ')}]`);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('raises no red flag on a short answer that shares one word with it', () => {
    const raised: string[] = [];
    for (const stage of guide.stages) {
      for (const text of NEUTRAL_ANSWERS[language]) {
        for (const e of of(engineFor(guide, stage.id).hear(candidate(text)), 'red-flag-cue')) raised.push(`${stage.id} "${text}" → ${e.redFlagId}`);
      }
    }
    expect(raised).toEqual([]);
  });

  it('marks nothing, raises nothing and finds no evidence in small talk', () => {
    const heard: string[] = [];
    for (const stage of guide.stages) {
      const engine = engineFor(guide, stage.id);
      for (const text of SMALL_TALK[language].interviewer) {
        for (const e of of(engine.hear(interviewer(text)), 'asked')) heard.push(`${stage.id} "${text}" → asked ${e.questionId}`);
      }
      for (const text of SMALL_TALK[language].candidate) {
        const events = engine.hear(candidate(text));
        for (const e of [...of(events, 'evidence'), ...of(events, 'red-flag-cue')]) heard.push(`${stage.id} "${text}" → ${e.kind}`);
      }
    }
    expect(heard).toEqual([]);
  });
});
