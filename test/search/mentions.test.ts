// What a posted message mentions: the names and topics in it lead to the entries about them, best first.
import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { findMentions } from '../../src/search/mentions.ts';
import { createTestApp } from '../support/core.ts';

let app: App;
beforeAll(async () => {
  app = await createTestApp();
});

const mentions = (text: string) => findMentions(app.live.current.dataset, text);

describe('finding what a message mentions', () => {
  it('given a message naming a person, then the person comes first and their quotes follow', () => {
    const { entries, terms } = mentions('Did you see what Tokayev said last week?');
    expect(terms).toEqual(['tokayev']);
    expect(entries[0]).toMatchObject({ kind: 'entity', id: 'kassym-jomart-tokayev' });
    expect(entries.slice(1).some((entry) => entry.kind === 'quote' && entry.speaker === 'kassym-jomart-tokayev')).toBe(true);
  });

  it('given a message naming a company and a country, then the deal tied to both ranks above those tied to one', () => {
    const { entries } = mentions('So Uzbekistan is buying from Boeing now?');
    expect(entries[0]).toMatchObject({ kind: 'deal', parties: expect.arrayContaining(['uzbekistan']) as unknown, counterparties: ['boeing'] });
  });

  it('given Cyrillic and multi-word names, then they are found as written', () => {
    expect(mentions('Касым-Жомарт Токаев встретился с Трампом').terms).toContain('kasym zhomart tokaev');
    expect(mentions('the Kyrgyz Republic and the White House').entries.map((entry) => entry.id)).toContain('kyrgyzstan');
  });

  it('given "us" the pronoun, then it is not the United States; "US" and "U.S." are', () => {
    expect(mentions('tell us more').entries).toEqual([]);
    expect(mentions('the US deal').entries[0]).toMatchObject({ id: 'united-states' });
    const spelled = mentions('a U.S. deal');
    expect(spelled.terms).toEqual(['U.S.']);
    // The terms are what the buttons keep: found again, they still mean the United States.
    const again = findMentions(app.live.current.dataset, spelled.terms.join(' '));
    expect(again.terms).toEqual(['U.S.']);
    expect(again.entries[0]).toMatchObject({ id: 'united-states' });
  });

  it('given a topic of the data, then entries on that topic are found', () => {
    expect(mentions('anything new on tungsten?').entries.some((entry) => entry.kind !== 'entity')).toBe(true);
  });

  it('given nothing the data knows, then nothing is found', () => {
    expect(mentions('lunch at noon, anyone?')).toEqual({ entries: [], terms: [] });
  });
});
