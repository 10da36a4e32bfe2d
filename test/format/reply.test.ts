import type { APIEmbed } from 'discord-api-types/v10';
import { ButtonStyle, ComponentType } from 'discord-api-types/v10';
import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import type { QuoteEntry } from '../../src/data/dataset.ts';
import { renderQuoteEmbed } from '../../src/format/embeds.ts';
import { EMBED_LIMITS } from '../../src/format/limits.ts';
import { embedLength, finalizeReply } from '../../src/format/reply.ts';
import { escapeMarkdown, truncate, unescapeMarkdown } from '../../src/format/text.ts';
import { createTestApp } from '../support/core.ts';
import { catalogue } from '../../src/messages.ts';

let app: App;
beforeAll(async () => {
  app = await createTestApp();
});

/** Asserts every per-embed and per-message limit of Discord on a finished reply. */
function expectWithinLimits(embeds: readonly APIEmbed[]): void {
  expect(embeds.length).toBeLessThanOrEqual(EMBED_LIMITS.embedsPerMessage);
  expect(embeds.reduce((sum, embed) => sum + embedLength(embed), 0)).toBeLessThanOrEqual(EMBED_LIMITS.total);
  for (const embed of embeds) {
    if (embed.title !== undefined) expect(embed.title.length).toBeGreaterThan(0);
    expect(embed.title?.length ?? 0).toBeLessThanOrEqual(EMBED_LIMITS.title);
    if (embed.description !== undefined) expect(embed.description.length).toBeGreaterThan(0);
    expect(embed.description?.length ?? 0).toBeLessThanOrEqual(EMBED_LIMITS.description);
    expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(EMBED_LIMITS.fields);
    for (const field of embed.fields ?? []) {
      expect(field.name.length).toBeGreaterThan(0);
      expect(field.value.length).toBeGreaterThan(0);
      expect(field.name.length).toBeLessThanOrEqual(EMBED_LIMITS.fieldName);
      expect(field.value.length).toBeLessThanOrEqual(EMBED_LIMITS.fieldValue);
    }
    expect(embed.footer?.text.length ?? 0).toBeLessThanOrEqual(EMBED_LIMITS.footer);
    expect(embed.author?.name.length ?? 0).toBeLessThanOrEqual(EMBED_LIMITS.authorName);
  }
}

function hostileQuote(text: string, context = 'context'): QuoteEntry {
  const quote = app.live.current.dataset.quotes[0];
  if (!quote) throw new Error('no quotes');
  return { ...quote, text, context };
}

describe('finalizeReply', () => {
  it('given a 10,000-character quote, then the embed is cut cleanly and stays within every limit', () => {
    const embed = renderQuoteEmbed(hostileQuote('word '.repeat(2000)), app.live.current.dataset, catalogue('en'));
    const { data } = finalizeReply({ embeds: [embed] });
    expectWithinLimits(data.embeds);
    expect(data.embeds[0]?.description).toMatch(/…$/);
    expect(data.embeds[0]?.description?.length).toBeGreaterThan(EMBED_LIMITS.description - 20);
  });

  it('given ten embeds of 5,000 characters each, then the message total stays under 6,000 and the first embed keeps its start', () => {
    const big: APIEmbed = { title: 'T'.repeat(300), description: 'd'.repeat(5000), fields: Array.from({ length: 30 }, (_, i) => ({ name: `f${i}`, value: 'v'.repeat(2000) })), footer: { text: 'f'.repeat(3000) }, author: { name: 'a'.repeat(300) } };
    const { data } = finalizeReply({ embeds: Array.from({ length: 12 }, () => big) });
    expectWithinLimits(data.embeds);
    expect(data.embeds[0]?.description?.startsWith('ddd')).toBe(true);
  });

  it('given empty titles, descriptions and fields, then they are dropped instead of sent', () => {
    const { data } = finalizeReply({ embeds: [{ title: '', description: '   ', fields: [{ name: '', value: 'x' }, { name: 'y', value: '' }, { name: 'ok', value: 'fine' }] }] });
    expect(data.embeds).toEqual([{ fields: [{ name: 'ok', value: 'fine' }] }]);
  });

  it('given any reply, then mentions are never parsed (no pings), even with @everyone in the text', () => {
    const { data } = finalizeReply({ content: '@everyone look', embeds: [{ description: '@here <@123>' }] });
    expect(data.allowed_mentions).toEqual({ parse: [] });
  });

  it('given an ephemeral reply, then the only flag is EPHEMERAL', () => {
    expect(finalizeReply({ content: 'x', ephemeral: true }).data.flags).toBe(64);
    expect(finalizeReply({ content: 'x' }).data.flags).toBeUndefined();
  });

  it('given too many rows, buttons and options, overlong labels and a repeated custom_id, then components are trimmed to what Discord accepts', () => {
    const button = (id: string) => ({ type: ComponentType.Button as const, style: ButtonStyle.Primary as const, custom_id: id, label: 'L'.repeat(200) });
    const rows = Array.from({ length: 7 }, (_, row) => ({
      type: ComponentType.ActionRow as const,
      components: Array.from({ length: 7 }, (_, i) => button(`r${row}b${i}`)),
    }));
    rows[1]?.components.splice(0, 1, button('r0b0'));
    rows[2]?.components.splice(0, 1, button('x'.repeat(101)));
    const { data } = finalizeReply({ content: 'x', components: rows });
    const components = data.components;
    expect(components).toHaveLength(5);
    const ids = components.flatMap((row) => row.components.map((component) => ('custom_id' in component ? component.custom_id : '')));
    expect(new Set(ids).size).toBe(ids.length);
    for (const row of components) {
      expect(row.components.length).toBeLessThanOrEqual(5);
      for (const component of row.components) if ('label' in component) expect(component.label?.length).toBeLessThanOrEqual(80);
    }
  });

  it('given a select menu with 40 long options, then it keeps 25 with labels of at most 100 characters', () => {
    const menu = {
      type: ComponentType.StringSelect as const,
      custom_id: 'menu',
      options: Array.from({ length: 40 }, (_, i) => ({ label: `${i} ${'x'.repeat(150)}`, value: String(i) })),
    };
    const { data } = finalizeReply({ content: 'x', components: [{ type: ComponentType.ActionRow, components: [menu] }] });
    const kept = data.components[0]?.components[0];
    expect(kept?.type).toBe(ComponentType.StringSelect);
    if (kept?.type !== ComponentType.StringSelect) return;
    expect(kept.options).toHaveLength(25);
    for (const option of kept.options) expect(option.label.length).toBeLessThanOrEqual(100);
  });

  it('given nothing at all, then the reply is still a valid message', () => {
    const { data } = finalizeReply({});
    expect(data.content).toBeTruthy();
  });
});

describe('text helpers', () => {
  it('given markdown, mentions and headings in data, then they are escaped so they show as typed', () => {
    const hostile = '**bold** __u__ `code` <@123> [x](http://evil) @everyone\n# big\n> quote\n- list\n1. one';
    const escaped = escapeMarkdown(hostile);
    expect(escaped).not.toMatch(/(^|[^\\])\*\*/);
    expect(escaped).toContain('\\<@123>');
    expect(escaped).toContain('\\[x\\]');
    expect(escaped).toContain('\n\\# big');
    expect(escaped).toContain('\n1\\. one');
    expect(unescapeMarkdown(escaped)).toBe(hostile);
  });

  it('given an escaped text cut at its limit, then no backslash dangles and no surrogate pair is split', () => {
    const cut = truncate(escapeMarkdown('*'.repeat(50)), 20);
    expect(cut.length).toBeLessThanOrEqual(20);
    expect(cut.replace(/…$/, '')).toMatch(/^(\\\*)+$/);
    const emoji = truncate('😀'.repeat(10), 6);
    expect(emoji).toBe('😀😀…');
  });
});
