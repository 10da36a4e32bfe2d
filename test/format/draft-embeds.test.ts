import { describe, expect, it } from 'vitest';
import { draftArticle } from '../../src/draft/draft.ts';
import { draftMessages } from '../../src/draft/messages.ts';
import { renderDraft } from '../../src/format/draft-embeds.ts';
import { EMBED_LIMITS } from '../../src/format/limits.ts';
import { embedLength, finalizeReply } from '../../src/format/reply.ts';

/** A long article written for this test: sixty speakers, each quoted with a figure. */
function longArticle(): string {
  const lines = ['Sixty voices on the harbour plan'];
  for (let i = 1; i <= 60; i++) lines.push(`“Point ${String(i)} of the harbour plan deserves a much longer debate than the council allowed,” said Delegate${String(i)} Marlowe${String(i)}, who owns ${String(i * 10)} fishing boats worth $${String(i)} million.`);
  return lines.join('\n');
}

describe('the /data draft reply', () => {
  const draft = draftArticle({ upload: { name: 'harbour.txt', content: longArticle() }, source: { publisher: 'Harbour Gazette', published: '2026-03-06', authors: ['A. Writer'] } });

  it('given a draft with sixty quotes, entities and figures, then every list shows what fits and the reply stays within Discord’s limits', () => {
    const reply = finalizeReply(renderDraft(draft, '{}', { kind: 'invalid', problems: [] }));
    const embed = reply.data.embeds[0];
    expect(embedLength(embed ?? {})).toBeLessThanOrEqual(EMBED_LIMITS.total);
    expect(embed?.description).toContain(draftMessages.replyIntro);
    expect(embed?.fields?.map((field) => field.name)).toEqual(['Quotes (60)', 'New entities (61)', 'Candidate figures for deals and facts (120)']);
    for (const field of embed?.fields ?? []) {
      expect(field.value.length).toBeLessThanOrEqual(EMBED_LIMITS.fieldValue);
      expect(field.value).toMatch(/… and \d+ more$/);
    }
    expect(reply.data.components).toEqual([]);
    expect(reply.files.map((file) => file.name)).toEqual(['draft-2026-03-06-harbour-gazette.json']);
  });
});
