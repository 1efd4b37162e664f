import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fixturePage, type CallPage } from './pages';
import { protocolCallScript } from './popup';

/** The caption fixture pages, one per platform, under real meeting URLs. */
export const CAPTION_URLS = {
  meet: 'https://meet.google.com/cap-tion-abc',
  teams: 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_Y2FwdGlvbnM%40thread.v2/0',
  zoom: 'https://app.zoom.us/wc/99988877766/join',
} as const;
export type CaptionPlatform = keyof typeof CAPTION_URLS;
export const CAPTION_PLATFORMS = Object.keys(CAPTION_URLS) as CaptionPlatform[];

const at = (url: string) => {
  const u = new URL(url);
  return `${u.origin}${u.pathname}`;
};

/** Pages for `serveCallPages` / `serveCallPagesFirefox`. */
export function captionPages(wrap: (file: string) => CallPage = (file) => ({ body: fixturePage(file) })): Record<string, CallPage> {
  return {
    [at(CAPTION_URLS.meet)]: wrap('meet/captions.html'),
    [at(CAPTION_URLS.teams)]: wrap('teams/captions.html'),
    [at(CAPTION_URLS.zoom)]: wrap('zoom/captions.html'),
  };
}

/** The scripted caption stream's source (`installCaptionReplay`), evaluated in the call page's own world. */
export const REPLAY_SOURCE = readFileSync(path.resolve('tests/fixtures/pages/captions/replay.js'), 'utf8');

/** Anything with Playwright's / puppeteer's `evaluate(fn, arg)`. */
export interface Evaluator {
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
}

/** Sends one protocol message from an extension page. */
export function protocol<T = unknown>(page: Evaluator, type: string, data: unknown): Promise<T> {
  return page.evaluate(protocolCallScript, [type, data] as [string, unknown]) as Promise<T>;
}

/** Installs the replay in the call page; returns the number of steps and the expected utterances. */
export function installReplay(call: Evaluator, platform: CaptionPlatform): Promise<{ steps: number; expected: { speaker: string; text: string }[] }> {
  return call.evaluate(
    ([source, p]) => {
      const w = window as unknown as { __replay?: { steps: unknown[]; expected: { speaker: string; text: string }[] } };
      w.__replay = (new Function(`${source}; return installCaptionReplay;`)() as (p: string) => typeof w.__replay)(p);
      return { steps: w.__replay!.steps.length, expected: w.__replay!.expected };
    },
    [REPLAY_SOURCE, platform] as [string, string],
  );
}

/**
 * Plays `count` steps of the installed replay (all when omitted), one per animation frame, as captions arrive a
 * word at a time; the stream's own 'off' step keeps captions off for a few reader looks.
 */
export function playReplay(call: Evaluator, count = Infinity): Promise<number> {
  return call.evaluate(async (n) => {
    const replay = (window as unknown as { __replay: { next(): boolean; steps: { op: string }[]; index: number } }).__replay;
    let played = 0;
    while (played < n) {
      const step = replay.steps[replay.index];
      if (!replay.next()) break;
      played++;
      await new Promise((resolve) => setTimeout(resolve, step?.op === 'off' ? 2500 : 30));
    }
    return played;
  }, count);
}

/** Appends one caption block straight into the page (after the stream), as the platform would draw a new line. */
export function appendCaption(call: Evaluator, platform: CaptionPlatform, speaker: string, text: string): Promise<void> {
  return call.evaluate(
    ([p, s, t]) => {
      const replay = (window as unknown as { __replay: { steps: { op: string; speaker?: string; text?: string }[]; next(): boolean } }).__replay;
      replay.steps.push({ op: 'block', speaker: s }, { op: 'text', text: t });
      while (replay.next()) {
        /* play the appended steps */
      }
      void p;
    },
    [platform, speaker, text] as [string, string, string],
  );
}

/** Storage the call page itself can read: local/session storage, cookies and its IndexedDB names. */
export function pageStorage(call: Evaluator): Promise<{ local: string; session: string; cookies: string; databases: string[] }> {
  return call.evaluate(async () => {
    const dbs = (await (indexedDB as unknown as { databases?: () => Promise<{ name?: string }[]> }).databases?.()) ?? [];
    return {
      local: JSON.stringify({ ...localStorage }),
      session: JSON.stringify({ ...sessionStorage }),
      cookies: document.cookie,
      databases: dbs.map((d) => d.name ?? ''),
    };
  }, undefined);
}

/** Attributes on elements of the caption area that the page's own drawing did not set (anything we would add). */
export function foreignCaptionAttributes(call: Evaluator): Promise<string[]> {
  return call.evaluate(() => {
    const known = new Set(['class', 'data-tid', 'alt', 'src', 'role', 'tabindex', 'aria-label', 'id']);
    const out: string[] = [];
    const roots = document.querySelectorAll('[role="region"], #captions-root');
    for (const root of roots) for (const el of root.querySelectorAll('*')) for (const a of el.getAttributeNames()) if (!known.has(a)) out.push(`${el.tagName}.${a}`);
    return out;
  }, undefined);
}
