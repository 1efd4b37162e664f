import { WRAP_UP_WAIT_MS, type InterviewRow } from '../../db/records';
import type { TabCallInfo } from '../../protocol/protocol';
import { HandlerError, type Handlers } from '../router';
import type { BackgroundServices } from '../services';
import { applyTranscript } from './transcript';
import { overlayVisible } from '../../panel-mode';

type CallHandlers = Pick<Handlers, 'calls.report' | 'calls.laterWrapUp' | 'session.get' | 'panel.command' | 'diagnostics.get'>;

/**
 * Follows a tab leaving its meeting by in-app navigation (issue 17): the interview still running there waits for
 * its wrap-up in this tab's panel (`TabCallInfo.wrapUpId`); arriving on a meeting page hands the panel to that
 * meeting. @returns whether the panel is held on a page that is no longer a call (the interview still runs).
 */
async function followWrapUp(s: BackgroundServices, previous: TabCallInfo | null, info: TabCallInfo): Promise<boolean> {
  if (info.meetingId) {
    if (info.wrapUpId) await s.tabs.setWrapUp(info.tabId, null);
    return false;
  }
  let wrapUpId = info.wrapUpId ?? null;
  if (previous?.meetingId) {
    const left = await s.repo.findForMeeting(previous.platform, previous.meetingId);
    if (left && left.state === 'active') {
      wrapUpId = left.id;
      await s.tabs.setWrapUp(info.tabId, wrapUpId);
    }
  }
  if (!wrapUpId) return false;
  const row = await s.repo.getInterview(wrapUpId).catch(() => null);
  return row?.state === 'active';
}

/**
 * Tells the tabs whose panel offers this interview's wrap-up to report again: once it ended (or was deleted or put
 * off) nothing holds their panel on a page that is no longer a call.
 */
export async function recheckWrapUpTabs(s: BackgroundServices, interviewIds: readonly string[]): Promise<void> {
  const tabs = (await s.tabs.all()).filter((t) => t.wrapUpId && interviewIds.includes(t.wrapUpId));
  await Promise.all(tabs.map((t) => s.recheckTab?.(t.tabId)));
}

/**
 * Running interviews whose call is over: no open tab is on their meeting (or the one that is shows it left).
 * They wait for a recommendation and End in the panel, the popup or the options page.
 */
export async function pendingWrapUps(s: BackgroundServices): Promise<InterviewRow[]> {
  const tabs = await s.tabs.all();
  const live = new Set(tabs.filter((t) => t.meetingId && t.state !== 'left').map((t) => `${t.platform}:${t.meetingId}`));
  return (await s.repo.activeInterviews()).filter((r) => !(r.platform && r.meetingId && live.has(`${r.platform}:${r.meetingId}`)));
}

/**
 * Ends the interviews whose wrap-up has waited more than `WRAP_UP_WAIT_MS` since their last change (issue 17: an
 * interview is never left "active" forever). They keep everything typed and say they were ended automatically.
 * Runs on the background's daily alarm. @returns the ids ended.
 */
export async function endAbandonedWrapUps(s: BackgroundServices): Promise<string[]> {
  const cutoff = s.now() - WRAP_UP_WAIT_MS;
  const waiting = (await pendingWrapUps(s)).filter((r) => r.updatedAt < cutoff);
  const ended: string[] = [];
  for (const row of waiting) {
    const after = await s.repo.endAbandoned(row.id);
    if (after.state === 'ended') ended.push(row.id);
  }
  if (ended.length) await recheckWrapUpTabs(s, ended);
  return ended;
}

/**
 * Brings the interview of a call tab up to date with the call: a planned interview is attached when the next
 * meeting starts (lobby or in call), and the call's start is recorded at the first `in-call`.
 * @returns the interview that changed, if any.
 */
export async function syncInterviewWithCall(s: BackgroundServices, info: TabCallInfo): Promise<InterviewRow | null> {
  if (!info.meetingId || (info.state !== 'lobby' && info.state !== 'in-call')) return null;
  let interview = await s.repo.findForMeeting(info.platform, info.meetingId);
  let changed = false;
  if (!interview) {
    const planned = await s.repo.findPlanned();
    if (!planned) return null;
    interview = await s.repo.attachToMeeting(planned.id, info.platform, info.meetingId, info.url);
    changed = true;
  }
  if (info.state === 'in-call' && interview.callStartedAt === null && interview.state !== 'ended') {
    interview = await s.repo.markCallStarted(interview.id, info.callStartedAt ?? s.now());
    changed = true;
  }
  return changed ? interview : null;
}

export function callHandlers(s: BackgroundServices): CallHandlers {
  return {
    'calls.report': async (report, ctx) => {
      if (ctx.tabId === null) throw new HandlerError('forbidden', 'calls.report must come from a tab');
      const previous = await s.tabs.get(ctx.tabId);
      const { info, changed } = await s.tabs.report(ctx.tabId, report);
      const hold = await followWrapUp(s, previous, info);
      const interview = await syncInterviewWithCall(s, info);
      if (interview) s.live.broadcast({ type: 'interview-changed', interviewId: interview.id });
      if (changed) s.live.broadcast({ type: 'tab-changed', tabId: ctx.tabId });
      // The transcript reader follows the call: injected when a capturing interview's tab is in the call (again,
      // after a reload), stopped when it leaves.
      if ((changed || info.state === 'in-call') && info.meetingId) {
        const current = interview ?? (await s.repo.findForMeeting(info.platform, info.meetingId));
        if (current?.transcript?.on) await applyTranscript(s, current, ctx.tabId);
      }
      const settings = await s.settings();
      return { panel: overlayVisible(settings, report.platform) ? 'overlay' : 'hidden', hold, labels: s.callPageLabels() };
    },
    'calls.laterWrapUp': async ({ tabId }, ctx) => {
      const id = tabId ?? ctx.tabId;
      if (id === null) throw new HandlerError('invalid-input', 'No tab whose wrap-up to put off');
      if (ctx.senderKind === 'content-script' && id !== ctx.tabId) throw new HandlerError('forbidden', 'A tab may only put off its own wrap-up');
      const info = await s.tabs.get(id);
      if (!info?.wrapUpId) return { released: false };
      await s.tabs.setWrapUp(id, null);
      s.live.broadcast({ type: 'tab-changed', tabId: id });
      await s.recheckTab?.(id);
      return { released: true };
    },
    'session.get': async ({ tabId }, ctx) => {
      const id = tabId ?? ctx.tabId;
      const tab = id === null ? null : await s.tabs.get(id);
      const row = tab?.meetingId
        ? await s.repo.findForMeeting(tab.platform, tab.meetingId)
        : tab?.wrapUpId
          ? await s.repo.getInterview(tab.wrapUpId).catch(() => null)
          : null;
      const [interview, planned] = await Promise.all([row ? s.repo.getBundle(row.id) : null, s.repo.findPlanned()]);
      return { tab, interview, planned };
    },
    'panel.command': async ({ tabId, command }, ctx) => {
      const id = tabId ?? ctx.tabId;
      if (id === null) throw new HandlerError('invalid-input', 'No tab to send the command to');
      if (ctx.senderKind === 'content-script' && id !== ctx.tabId) throw new HandlerError('forbidden', 'A tab may only command its own panel');
      const delivered = await s.sendToContent(id, command);
      if (command === 'add-note') s.live.broadcast({ type: 'panel-command', tabId: id, command: 'add-note', at: s.now() });
      return { delivered };
    },
    'diagnostics.get': () => s.tabs.diagnostics(),
  };
}
