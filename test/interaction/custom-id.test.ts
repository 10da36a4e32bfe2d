import { describe, expect, it } from 'vitest';
import { commandOfCustomId, decodePageState, encodePageState, type PageState } from '../../src/interaction/custom-id.ts';
import { MAX_QUERY_LENGTH } from '../../src/search/search.ts';

describe('page state in custom_id', () => {
  const longest: PageState = { command: 'sources', control: 'next', page: 99999, owner: '12345678901234567890', kind: 'source', query: 'ж'.repeat(MAX_QUERY_LENGTH) };

  it('given the longest state the bot makes, then the custom_id fits in 100 characters and decodes to the same state', () => {
    const id = encodePageState(longest);
    expect(id.length).toBeLessThanOrEqual(100);
    expect(decodePageState(id)).toEqual(longest);
  });

  it('given a query containing the separator, then it survives the round trip', () => {
    const state: PageState = { ...longest, query: 'a|b|c', page: 3, control: 'jump' };
    expect(decodePageState(encodePageState(state))).toEqual(state);
  });

  it('given forged or foreign custom_ids, then they are refused, not trusted', () => {
    for (const forged of ['', 'quote', 'p1|quote|x|1|123|quote|q', 'p1|quote|n|-1|123||q', 'p1|quote|n|1|abc||q', 'p1|QUOTE|n|1|123||q', 'p2|quote|n|1|123||q']) {
      expect(decodePageState(forged), forged).toBeUndefined();
    }
  });

  it('given a custom_id, then the command that owns it can be read without knowing its format', () => {
    expect(commandOfCustomId(encodePageState(longest))).toBe('sources');
    expect(commandOfCustomId('data:confirm:abc')).toBe('data');
  });
});
