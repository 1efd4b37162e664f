import type { InterviewRow } from '../../db/records';
import type { CaptionsStatus } from '../../protocol/protocol';
import { isCapturing } from '../../transcript/utterance';
import { HandlerError, type Handlers } from '../router';
import type { BackgroundServices } from '../services';

type TranscriptHandlers = Pick<
  Handlers,
  | 'transcript.config'
  | 'transcript.upsert'
  | 'transcript.status'
  | 'transcript.set'
  | 'transcript.speaker'
  | 'transcript.list'
  | 'transcript.delete'
  | 'transcript.tab'
  | 'transcript.captionsOn'
>;

/** The call tabs showing an interview's meeting. */
async function tabsOf(s: BackgroundServices, interview: InterviewRow): Promise<number[]> {
  if (!interview.platform || !interview.meetingId) return [];
  return (await s.tabs.all()).filter((t) => t.platform === interview.platform && t.meetingId === interview.meetingId).map((t) => t.tabId);
}

/** The interview of a tab's meeting, or null. */
async function interviewOfTab(s: BackgroundServices, tabId: number | null): Promise<InterviewRow | null> {
  const tab = tabId === null ? null : await s.tabs.get(tabId);
  return tab?.meetingId ? s.repo.findForMeeting(tab.platform, tab.meetingId) : null;
}

/**
 * Starts or stops the transcript reader in the interview's call tabs to match its state: injected only while the
 * transcript is capturing (on, candidate told) and the tab is in the call.
 */
export async function applyTranscript(s: BackgroundServices, interview: InterviewRow, onlyTab?: number): Promise<void> {
  const capturing = isCapturing(interview);
  for (const tabId of await tabsOf(s, interview)) {
    if (onlyTab !== undefined && tabId !== onlyTab) continue;
    const tab = await s.tabs.get(tabId);
    if (capturing && tab?.state === 'in-call') await s.transcriptReader.ensure(tabId);
    else await s.transcriptReader.stop(tabId);
  }
}

/** The transcript: capture switch and consent, lines from the reader, the interviewer's speaker, deletion. */
export function transcriptHandlers(s: BackgroundServices): TranscriptHandlers {
  const captions = new Map<number, CaptionsStatus>();
  const changed = (row: InterviewRow): InterviewRow => {
    s.live.broadcast({ type: 'interview-changed', interviewId: row.id });
    return row;
  };
  return {
    'transcript.config': async (_input, ctx) => {
      const interview = await interviewOfTab(s, ctx.tabId);
      return { interviewId: interview?.id ?? null, platform: interview?.platform ?? null, capturing: interview ? isCapturing(interview) : false };
    },
    'transcript.upsert': async (input, ctx) => {
      const interview = await s.repo.getInterview(input.interviewId);
      // A call tab may only add lines to the interview of its own meeting.
      if (ctx.senderKind === 'content-script' && (await interviewOfTab(s, ctx.tabId))?.id !== interview.id) {
        throw new HandlerError('forbidden', 'A tab may only add lines to the interview of its own call');
      }
      if (!isCapturing(interview)) throw new HandlerError('forbidden', 'The transcript of this interview is off, or the candidate was not told yet');
      const { row, changed } = await s.repo.upsertUtterance(input);
      if (changed) {
        s.live.broadcast({ type: 'transcript-utterance', interviewId: input.interviewId, utterance: row });
        await s.suggest?.heard(input.interviewId, row);
      }
      return row;
    },
    'transcript.status': ({ captions: status }, ctx) => {
      if (ctx.tabId === null) throw new HandlerError('forbidden', 'transcript.status must come from a tab');
      if (captions.get(ctx.tabId) !== status) {
        captions.set(ctx.tabId, status);
        s.live.broadcast({ type: 'transcript-status', tabId: ctx.tabId, captions: status });
      }
      return { ok: true };
    },
    'transcript.set': async ({ interviewId, on, consent }) => {
      const before = await s.repo.getInterview(interviewId);
      const patch: { on: boolean; consentAt?: number } = { on };
      if (consent && on && !before.transcript?.consentAt) patch.consentAt = s.now();
      const row = await s.repo.setTranscript(interviewId, patch);
      if (!on) for (const tabId of await tabsOf(s, row)) captions.delete(tabId);
      await applyTranscript(s, row);
      return changed(row);
    },
    'transcript.speaker': async ({ interviewId, speaker }) => {
      const row = await s.repo.setTranscript(interviewId, { interviewerSpeaker: speaker });
      s.suggest?.changed(interviewId);
      return changed(row);
    },
    'transcript.list': async ({ interviewId }) => {
      await s.repo.getInterview(interviewId);
      return s.repo.listUtterances(interviewId);
    },
    'transcript.delete': async ({ interviewId, ids }) => {
      const deleted = await s.repo.deleteUtterances(interviewId, ids);
      s.suggest?.changed(interviewId);
      s.live.broadcast({ type: 'interview-changed', interviewId });
      return { deleted };
    },
    'transcript.tab': async ({ tabId }, ctx) => {
      const id = tabId ?? ctx.tabId;
      return { captions: id === null ? null : (captions.get(id) ?? null) };
    },
    'transcript.captionsOn': async ({ tabId }, ctx) => {
      const id = tabId ?? ctx.tabId;
      if (id === null) throw new HandlerError('invalid-input', 'No tab to turn captions on in');
      return { pressed: await s.transcriptReader.captionsOn(id) };
    },
  };
}
