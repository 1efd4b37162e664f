import { describe, expect, it } from 'vitest';
import { CALL_HOST_MATCHES } from '../../lib/platforms/hosts';
import { isMeetMeetingUrl, meetAdapter } from '../../lib/platforms/meet';
import { adapterForUrl } from '../../lib/platforms/registry';
import { teamsAdapter } from '../../lib/platforms/teams';
import type { PlatformAdapter } from '../../lib/platforms/types';
import { zoomAdapter } from '../../lib/platforms/zoom';

const verdict = (adapter: PlatformAdapter, url: string) => adapter.classifyUrl(new URL(url));

describe('Meet URL rules', () => {
  it.each([
    ['https://meet.google.com/abc-defg-hij', 'abc-defg-hij'],
    ['https://meet.google.com/abc-defg-hij/', 'abc-defg-hij'],
    ['https://meet.google.com/abc-defg-hij?authuser=1', 'abc-defg-hij'],
    ['https://meet.google.com/abc-defg-hij?hs=122&pli=1', 'abc-defg-hij'],
  ])('%s is meeting %s', (url, id) => {
    expect(verdict(meetAdapter, url)).toEqual({ kind: 'meeting', meetingId: id });
    expect(isMeetMeetingUrl(url)).toBe(true);
  });

  it.each([
    'https://meet.google.com/',
    'https://meet.google.com/landing',
    'https://meet.google.com/lookup/interviews',
    'https://meet.google.com/ABC-DEFG-HIJ',
    'https://meet.google.com/abc-defg-hijk',
    'https://meet.google.com/abc-defg-hij/extra',
    'http://meet.google.com/abc-defg-hij',
    'https://meet.google.com.evil.example/abc-defg-hij',
  ])('%s is not a meeting', (url) => {
    expect(verdict(meetAdapter, url)).toEqual({ kind: 'none' });
    expect(isMeetMeetingUrl(url)).toBe(false);
  });
});

describe('Zoom URL rules', () => {
  it.each([
    ['https://app.zoom.us/wc/87654321012/join', '87654321012'],
    ['https://app.zoom.us/wc/87654321012/start', '87654321012'],
    ['https://app.zoom.us/wc/join/876543210', '876543210'],
    ['https://us02web.zoom.us/wc/join/87654321012?pwd=abc', '87654321012'],
    ['https://us05web.zoom.us/wc/87654321012/join?fromPWA=1', '87654321012'],
    ['https://zoom.us/wc/87654321012/leave', '87654321012'],
    // Zoom for Government: the same web client on zoomgov.com and agency subdomains.
    ['https://zoomgov.com/wc/join/1600991835', '1600991835'],
    ['https://agency.zoomgov.com/wc/1600991835/join?pwd=abc', '1600991835'],
    ['https://applications.zoomgov.com/wc/join/16009918351', '16009918351'],
  ])('%s is meeting %s', (url, id) => {
    expect(verdict(zoomAdapter, url)).toEqual({ kind: 'meeting', meetingId: id });
  });

  it.each([
    'https://zoom.us/',
    'https://app.zoom.us/wc/home',
    'https://us02web.zoom.us/j/87654321012?pwd=abc',
    'https://zoom.us/signin',
    'https://app.zoom.us/wc/123/join',
    'https://notzoom.us/wc/87654321012/join',
    'https://zoomgov.com/',
    'https://agency.zoomgov.com/j/1600991835',
    'https://notzoomgov.com/wc/1600991835/join',
    'https://zoomgov.com.evil.example/wc/1600991835/join',
    'http://zoomgov.com/wc/1600991835/join',
  ])('%s is not a meeting', (url) => {
    expect(verdict(zoomAdapter, url)).toEqual({ kind: 'none' });
  });
});

describe('Teams URL rules', () => {
  it.each([
    ['https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0?context=%7b%7d', '19:meeting_abc@thread.v2'],
    ['https://teams.microsoft.com/_#/l/meetup-join/19%3ameeting_abc%40thread.v2/0', '19:meeting_abc@thread.v2'],
    ['https://teams.microsoft.com/v2/?meetingjoin=true#/l/meetup-join/19%3ameeting_x%40thread.v2/0', '19:meeting_x@thread.v2'],
    ['https://teams.microsoft.com/_#/pre-join-calling/19:meeting_y@thread.v2', '19:meeting_y@thread.v2'],
    ['https://teams.live.com/meet/9312345678901?p=abc', '9312345678901'],
    ['https://teams.cloud.microsoft/l/meetup-join/19%3ameeting_z%40thread.v2/0', '19:meeting_z@thread.v2'],
    ['https://teams.microsoft.com/meet/2345678901234?p=x', '2345678901234'],
    // US government clouds: GCC High and DoD run the same web client with the same routes.
    ['https://gov.teams.microsoft.us/v2/?meetingjoin=true#/l/meetup-join/19%3ameeting_g%40thread.v2/0', '19:meeting_g@thread.v2'],
    ['https://dod.teams.microsoft.us/l/meetup-join/19%3ameeting_d%40thread.v2/0', '19:meeting_d@thread.v2'],
    ['https://gov.teams.microsoft.us/_#/pre-join-calling/19:meeting_p@thread.v2', '19:meeting_p@thread.v2'],
  ])('%s is meeting %s', (url, id) => {
    expect(verdict(teamsAdapter, url)).toEqual({ kind: 'meeting', meetingId: id });
  });

  it.each([
    'https://teams.microsoft.com/_#/conversations/19:abc@thread.v2',
    'https://teams.microsoft.com/v2/',
    'https://teams.live.com/v2/#/calendarv2',
    'https://teams.cloud.microsoft/',
    'https://gov.teams.microsoft.us/v2/#/conversations/19:abc@thread.v2',
    'https://dod.teams.microsoft.us/',
  ])('%s is the app: mount only on call signals', (url) => {
    expect(verdict(teamsAdapter, url)).toEqual({ kind: 'app' });
  });

  it('refuses other hosts and http', () => {
    expect(verdict(teamsAdapter, 'https://teams.example.com/l/meetup-join/x')).toEqual({ kind: 'none' });
    expect(verdict(teamsAdapter, 'http://teams.microsoft.com/l/meetup-join/x')).toEqual({ kind: 'none' });
    // Only the two government web clients, not every host under microsoft.us.
    expect(verdict(teamsAdapter, 'https://teams.microsoft.us/l/meetup-join/x')).toEqual({ kind: 'none' });
    expect(verdict(teamsAdapter, 'https://evil.gov.teams.microsoft.us/l/meetup-join/x')).toEqual({ kind: 'none' });
    expect(verdict(teamsAdapter, 'https://gov.teams.microsoft.us.evil.example/l/meetup-join/x')).toEqual({ kind: 'none' });
  });
});

describe('registry', () => {
  it.each([
    ['https://meet.google.com/abc-defg-hij', 'meet'],
    ['https://zoom.us/', 'zoom'],
    ['https://app.zoom.us/wc/1/join', 'zoom'],
    ['https://us02web.zoom.us/', 'zoom'],
    ['https://teams.microsoft.com/', 'teams'],
    ['https://teams.live.com/', 'teams'],
    ['https://teams.cloud.microsoft/', 'teams'],
    ['https://zoomgov.com/', 'zoom'],
    ['https://agency.zoomgov.com/wc/join/1600991835', 'zoom'],
    ['https://gov.teams.microsoft.us/', 'teams'],
    ['https://dod.teams.microsoft.us/', 'teams'],
  ])('%s belongs to %s', (url, platform) => {
    expect(adapterForUrl(url)?.platform).toBe(platform);
  });

  it.each(['https://example.com/', 'http://meet.google.com/', 'not a url', 'https://google.com/'])('%s has no adapter', (url) => {
    expect(adapterForUrl(url)).toBeNull();
  });

  it('has an adapter for every host the content script matches', () => {
    for (const pattern of CALL_HOST_MATCHES) {
      const host = pattern.replace('https://', '').replace('/*', '').replace('*.', 'sub.');
      expect(adapterForUrl(`https://${host}/`), pattern).not.toBeNull();
    }
  });
});
