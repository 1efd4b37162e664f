import { describe, expect, it } from 'vitest';
import {
  classifyHeading,
  guessLocale,
  roleFromHireLine,
  splitSkills,
  takeDurationFromDescription,
  takeDurationFromTitle,
} from '../../lib/guides/common';
import { splitAttributes } from '../../lib/guides/markdown';
import { Slug } from '../../lib/guides/schema';
import { slugify, uniqueSlug } from '../../lib/guides/slug';

describe('slugify', () => {
  it('makes lowercase slugs that pass the schema, folding accents and apostrophes', () => {
    expect(slugify('Perché scegli un DB relazionale?')).toBe('perche-scegli-un-db-relazionale');
    expect(slugify("Can't discuss trade-offs — always says 'it depends'")).toBe('cant-discuss-trade-offs-always-says-it-depends');
    for (const text of ['  --Hello__World--  ', 'Ünïcödé', '12 + 30 = 42', '数据工程师']) expect(Slug.safeParse(slugify(text)).success, text).toBe(true);
  });

  it('cuts long text at a word boundary and is deterministic for text without Latin letters', () => {
    const slug = slugify('Walk me through what happens between typing a URL and seeing a page you can use');
    expect(slug.length).toBeLessThanOrEqual(48);
    expect(slug).toBe('walk-me-through-what-happens-between-typing-a');
    expect(slugify('数据工程师')).toBe(slugify('数据工程师'));
    expect(slugify('数据工程师')).not.toBe(slugify('产品经理'));
  });

  it('adds a numeric suffix only on collision', () => {
    const taken = new Set(['screen']);
    expect(uniqueSlug('screen', taken)).toBe('screen-2');
    expect(uniqueSlug('screen', taken)).toBe('screen-3');
    expect(uniqueSlug('onsite', taken)).toBe('onsite');
  });
});

describe('durations', () => {
  it.each([
    ['Technical screen (45 min)', 'Technical screen', 45],
    ['45-minute technical screen', 'Technical screen', 45],
    ['Recruiter call (30 min call)', 'Recruiter call', 30],
    ['Onsite — 3 hours', 'Onsite', 180],
    ['Pair programming, 60–90 minutes', 'Pair programming', 90],
    ['Colloquio finale (1 ora)', 'Colloquio finale', 60],
    ['System design interview', 'System design interview', undefined],
    ['Round 2 of 3', 'Round 2 of 3', undefined],
  ])('title %j → %j, %j minutes', (input, text, minutes) => {
    expect(takeDurationFromTitle(input)).toEqual(minutes === undefined ? { text } : { text, minutes });
  });

  it.each([
    ['Cover databases and caching. 45 minutes.', 'Cover databases and caching.', 45],
    ['Meet the manager (30 min call).', 'Meet the manager.', 30],
    ['Duration: 1 hour. Talk through a design.', 'Talk through a design.', 60],
    ['A 60-minute session on design.', 'A 60-minute session on design.', 60],
    ['Give them 20 minutes to read the code, then discuss.', 'Give them 20 minutes to read the code, then discuss.', undefined],
  ])('description %j → %j, %j minutes', (input, text, minutes) => {
    expect(takeDurationFromDescription(input)).toEqual(minutes === undefined ? { text } : { text, minutes });
  });
});

describe('headings, titles, skills and language', () => {
  it('recognises section headings in English and Italian, whatever the case, apostrophe or colon', () => {
    expect(classifyHeading('Segnali d’allarme')).toBe('redFlags');
    expect(classifyHeading('  WHAT TO LOOK FOR: ')).toBe('criteria');
    expect(classifyHeading('Il processo di assunzione')).toBe('stages');
    expect(classifyHeading('Consigli per il colloquio')).toBe('tips');
    expect(classifyHeading('## Red flags')).toBe('redFlags');
    expect(classifyHeading('Red flags are everywhere in this story')).toBeUndefined();
  });

  it('takes the role from "How to hire" lines without the page furniture after it', () => {
    expect(roleFromHireLine('Come assumere un/a Backend Engineer')).toBe('Backend Engineer');
    expect(roleFromHireLine('How to Hire a Backend Engineer — Complete Hiring Guide (2026) | Site')).toBe('Backend Engineer');
    expect(roleFromHireLine("Come assumere un'Analista")).toBe('Analista');
    expect(roleFromHireLine('How to hire an SRE')).toBe('SRE');
    expect(roleFromHireLine('Hiring is hard')).toBeUndefined();
  });

  it('splits skills on separators, or at capitals when they were pasted run together', () => {
    expect(splitSkills('Go, SQL · Kafka | dbt')).toEqual({ skills: ['Go', 'SQL', 'Kafka', 'dbt'], runTogether: false });
    expect(splitSkills('ReactTypeScriptCSSWeb Performance')).toEqual({
      skills: ['React', 'TypeScript', 'CSS', 'Web Performance'],
      runTogether: true,
    });
    expect(splitSkills('GraphQL')).toEqual({ skills: ['GraphQL'], runTogether: false });
    expect(splitSkills('RAPID prototyping')).toEqual({ skills: ['RAPID prototyping'], runTogether: false });
  });

  it('guesses English or Italian from the text', () => {
    expect(guessLocale(['Ask them how they would test the feature and what they would skip'])).toBe('en');
    expect(guessLocale(['Chiedete come testerebbe la funzione e cosa tralascerebbe per prima'])).toBe('it');
    expect(guessLocale([])).toBe('en');
  });

  it('reads {#id .core lang=xx} attributes and leaves ordinary braces alone', () => {
    expect(splitAttributes('Why? {#why-q .core}')).toEqual({ text: 'Why?', attributes: { id: 'why-q', classes: ['core'] } });
    expect(splitAttributes('Title {#t lang=it}').attributes).toMatchObject({ id: 't', lang: 'it' });
    expect(splitAttributes('Explain {a, b}').text).toBe('Explain {a, b}');
  });
});
