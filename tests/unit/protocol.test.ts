import { describe, expect, it } from 'vitest';
import { dispatch } from '../../lib/background/router';
import { protocol } from '../../lib/protocol/protocol';
import { ENV, makeServices, meetContentSender, panelSender } from './support/services';

describe('protocol', () => {
  it('has a handler for every message, and no handler without a message', () => {
    const { handlers } = makeServices();
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(protocol).sort());
  });

  it('answers a ping from an extension page with the sender tab', async () => {
    const { handlers, now } = makeServices();
    const result = await dispatch('ping', { from: 'panel' }, panelSender(7), handlers, ENV);
    expect(result).toEqual({ ok: true, value: { pong: true, from: 'panel', at: now, tabId: 7 } });
  });

  it('refuses a payload that does not match the schema, listing each problem by path', async () => {
    const { handlers } = makeServices();
    const result = await dispatch('questions.upsert', { interviewId: '', questionId: 'q', patch: { rating: 'meh' } }, panelSender(), handlers, ENV);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid-input');
      expect(result.error.issues).toEqual(expect.arrayContaining([expect.stringMatching(/^interviewId: /), expect.stringMatching(/^patch\.rating: /)]));
    }
  });

  it('refuses another extension', async () => {
    const { handlers } = makeServices();
    const result = await dispatch('ping', { from: 'panel' }, { ...panelSender(), id: 'other' }, handlers, ENV);
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('refuses a content script outside the call hosts', async () => {
    const { handlers } = makeServices();
    const sender = { id: 'self-id', url: 'https://evil.example/meet.google.com', tab: { id: 1 } };
    const result = await dispatch('ping', { from: 'content' }, sender, handlers, ENV);
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('accepts a content script on a call host, but only for content-script messages', async () => {
    const { handlers } = makeServices();
    const sender = { id: 'self-id', url: 'https://us02web.zoom.us/wc/123/join', tab: { id: 1 } };
    expect(await dispatch('ping', { from: 'content' }, sender, handlers, ENV)).toMatchObject({ ok: true });
    expect(await dispatch('interviews.list', {}, meetContentSender(), handlers, ENV)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await dispatch('data.wipe', { confirm: 'DELETE' }, meetContentSender(), handlers, ENV)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('answers an unknown interview with a typed not-found error', async () => {
    const { handlers } = makeServices();
    const result = await dispatch('interviews.get', { id: 'missing' }, panelSender(), handlers, ENV);
    expect(result).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});
