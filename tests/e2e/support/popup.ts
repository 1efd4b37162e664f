import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { GuideInput } from '../../../lib/guides/schema';

/** A bundled guide file as shipped (`guides/<id>.json`), for asserting what the panel shows. */
export function bundledGuide(id: string): GuideInput {
  return JSON.parse(readFileSync(path.resolve('guides', `${id}.json`), 'utf8')) as GuideInput;
}

/** The first question of a stage of a bundled guide. @throws Error when the stage has no question. */
export function firstQuestion(guideId: string, stageId: string): string {
  const stage = bundledGuide(guideId).stages.find((s) => s.id === stageId);
  const question = stage?.questions?.[0]?.text;
  if (!question) throw new Error(`stage "${stageId}" of "${guideId}" has no question`);
  return question;
}

/**
 * Script for an extension page's `evaluate`: sends one protocol message in @webext-core/messaging's wire shape
 * (`{ id, type, data, timestamp }`, answered with `{ res: ApiResult }`) and returns the answer's value.
 * Runs inside the browser: it must not close over anything.
 */
export const protocolCallScript = async ([type, data]: [string, unknown]): Promise<unknown> => {
  const api = (globalThis as unknown as { browser?: typeof chrome; chrome: typeof chrome }).browser ?? (globalThis as unknown as { chrome: typeof chrome }).chrome;
  const answer = (await api.runtime.sendMessage({ id: Math.floor(Math.random() * 1e9), type, data, timestamp: Date.now() })) as {
    res?: { ok: boolean; value?: unknown; error?: { message: string } };
  };
  if (!answer?.res?.ok) throw new Error(`${type} failed: ${answer?.res?.error?.message ?? 'no answer'}`);
  return answer.res.value;
};

/** The part of `session.get`'s answer the popup tests look at. */
export interface SessionProbe {
  tab: { state: string; meetingId: string | null; collapsed: boolean } | null;
  interview: { interview: { candidateName: string; guideId: string; currentStageId: string; state: string } } | null;
  planned: { candidateName: string; guideId: string } | null;
}
