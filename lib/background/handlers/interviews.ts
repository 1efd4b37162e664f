import { summarize } from '../../db/repository';
import { HandlerError, type Handlers } from '../router';
import type { BackgroundServices } from '../services';
import { recheckWrapUpTabs, pendingWrapUps } from './calls';
import { requireGuide } from './guides';

type InterviewHandlers = Pick<
  Handlers,
  | 'interviews.start'
  | 'interviews.update'
  | 'interviews.end'
  | 'interviews.get'
  | 'interviews.list'
  | 'interviews.recent'
  | 'interviews.delete'
  | 'interviews.pendingWrapUps'
  | 'notes.upsert'
  | 'notes.delete'
  | 'questions.upsert'
  | 'redFlags.upsert'
  | 'criteria.upsert'
>;

/** Interviews and the rows recorded for them. Every write tells the open views what changed. */
export function interviewHandlers(s: BackgroundServices): InterviewHandlers {
  const changed = <T extends { interviewId: string } | { id: string }>(row: T, interviewId: string): T => {
    s.live.broadcast({ type: 'interview-changed', interviewId });
    s.live.broadcast({ type: 'interviews-changed' });
    return row;
  };
  /** What the live suggestions read changed: they are rebuilt shortly (issue 15). */
  const heard = <T>(row: T, interviewId: string): T => {
    s.suggest?.changed(interviewId);
    return row;
  };
  return {
    'interviews.start': async (input, ctx) => {
      const guide = await requireGuide(s, input.guideId);
      const tabId = input.tabId === undefined ? ctx.tabId : input.tabId;
      const tab = tabId === null ? null : await s.tabs.get(tabId);
      const onCall = tab?.meetingId ? tab : null;
      if (onCall?.meetingId) {
        // One running interview per meeting: a new start on the same call closes the previous one.
        const previous = await s.repo.findForMeeting(onCall.platform, onCall.meetingId);
        if (previous && previous.state !== 'ended' && previous.id !== input.id) await s.repo.endInterview(previous.id);
      }
      let row = await s.repo.startInterview({
        id: input.id,
        candidateName: input.candidateName,
        candidateRef: input.candidateRef,
        guide,
        stageId: input.stageId,
        state: onCall ? 'active' : 'planned',
        platform: onCall?.platform ?? null,
        meetingId: onCall?.meetingId ?? null,
        meetingUrl: onCall?.url ?? null,
        callStartedAt: onCall?.state === 'in-call' ? (onCall.callStartedAt ?? s.now()) : null,
      });
      // On, but not capturing: the panel asks for the candidate's consent first (no reader is injected before it).
      if (input.transcript && !row.transcript?.on) row = await s.repo.setTranscript(row.id, { on: true });
      if (tabId !== null) s.live.broadcast({ type: 'tab-changed', tabId });
      return changed(row, row.id);
    },
    'interviews.update': async ({ id, patch }) => {
      const row = changed(await s.repo.updateInterview(id, patch), id);
      return 'currentStageId' in patch ? heard(row, id) : row;
    },
    'interviews.end': async ({ id }) => {
      s.suggest?.forget(id);
      const row = changed(await s.repo.endInterview(id), id);
      await recheckWrapUpTabs(s, [id]);
      return row;
    },
    'interviews.pendingWrapUps': async () => (await pendingWrapUps(s)).map(summarize),
    'interviews.get': ({ id }) => s.repo.getBundle(id),
    'interviews.list': ({ query, sort, offset, limit }) => s.repo.list(query, sort, offset, limit),
    'interviews.recent': ({ limit }) => s.repo.recent(limit),
    'interviews.delete': async ({ ids }) => {
      const deleted = await s.repo.deleteInterviews(ids);
      for (const id of ids) s.live.broadcast({ type: 'interview-changed', interviewId: id });
      s.live.broadcast({ type: 'interviews-changed' });
      await recheckWrapUpTabs(s, ids);
      return { deleted };
    },
    'notes.upsert': async (input) => heard(changed(await s.repo.upsertNote(input), input.interviewId), input.interviewId),
    'notes.delete': async ({ id }) => {
      const note = await s.repo.getNote(id);
      const deleted = await s.repo.deleteNote(id);
      if (note) heard(changed(note, note.interviewId), note.interviewId);
      return { deleted };
    },
    'questions.upsert': async ({ interviewId, questionId, stageId, patch }) =>
      heard(changed(await s.repo.upsertQuestionState(interviewId, questionId, stageId, patch), interviewId), interviewId),
    'redFlags.upsert': async ({ interviewId, redFlagId, stageId, patch }) =>
      changed(await s.repo.upsertRedFlag(interviewId, redFlagId, stageId, patch), interviewId),
    'criteria.upsert': async ({ interviewId, criterionId, patch }) =>
      changed(await s.repo.upsertCriterion(interviewId, criterionId, patch), interviewId),
  };
}

export { HandlerError };
