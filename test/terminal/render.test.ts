import { ButtonStyle, ComponentType, type APIEmbed } from 'discord-api-types/v10';
import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { KIND_COLOURS } from '../../src/format/embeds.ts';
import { finalizeReply, type Reply, type ReplyData } from '../../src/format/reply.ts';
import { escapeMarkdown } from '../../src/format/text.ts';
import { terminalMessages } from '../../src/terminal/messages.ts';
import { discordTimestamps, displayWidth, renderReply } from '../../src/terminal/render.ts';
import { commandRequest, createTestApp } from '../support/core.ts';

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[/;
const plain = { color: false, width: 100 };
const coloured = { color: true, width: 100 };

const data = (reply: Reply): ReplyData => finalizeReply(reply).data;

let app: App;
let tokayev: ReplyData;
beforeAll(async () => {
  app = await createTestApp();
  tokayev = (await app.dispatcher.command(commandRequest(app, 'quote', { query: 'Tokayev' }))).reply.data;
});

describe('rendering a reply for the terminal', () => {
  it('given colour is off, then the output holds no ANSI escape at all, for every kind of reply', async () => {
    const replies = [tokayev];
    for (const [name, query] of [['deal', 'boeing'], ['who', 'Tokayev'], ['fact', 'prisoners'], ['help', undefined], ['sources', undefined], ['deal', 'obamacare']] as const) {
      replies.push((await app.dispatcher.command(commandRequest(app, name, { query, name: query }))).reply.data);
    }
    for (const reply of replies) {
      const text = renderReply(reply, plain);
      expect(text).not.toMatch(ANSI);
      expect(text.length).toBeGreaterThan(0);
    }
  });

  it('given colour is on, then each embed has a 24-bit bar in its own colour', () => {
    const text = renderReply(tokayev, coloured);
    const bar = `\u001b[38;2;${(KIND_COLOURS.quote >> 16) & 0xff};${(KIND_COLOURS.quote >> 8) & 0xff};${KIND_COLOURS.quote & 0xff}m▌`;
    expect(text.split('\n').filter((line) => line.startsWith(bar)).length).toBeGreaterThan(10);
  });

  it('given escaped data, then the terminal shows the characters themselves, not the backslashes', () => {
    const raw = '1. *not italic* _nor this_ <@123> # not a heading';
    const text = renderReply(data({ embeds: [{ title: escapeMarkdown(raw), description: escapeMarkdown('> not a quote\n- not a list') }] }), plain);
    expect(text).toContain(raw);
    expect(text).toContain('> not a quote');
    expect(text).toContain('- not a list');
    expect(text).not.toContain('\\');
  });

  it('given bold and italic markdown, then the markers are gone without colour and become ANSI styles with it', () => {
    const reply = data({ embeds: [{ description: '**Committed** · *a note* · `/quote Tokayev`' }] });
    expect(renderReply(reply, plain)).toContain('│ Committed · a note · /quote Tokayev');
    const text = renderReply(reply, coloured);
    expect(text).toContain('\u001b[1mCommitted\u001b[0m');
    expect(text).toContain('\u001b[3ma note\u001b[0m');
  });

  it('given a >>> block quote, then it is shown indented behind a quote bar', () => {
    const text = renderReply(tokayev, plain);
    expect(text).toContain('│ │ “the United States of America has the right to be properly present”');
    expect(text).not.toContain('>>>');
  });

  it('given an embed, then author, fields as "Name: value" and footer are shown, multi-line values indented', () => {
    const text = renderReply(tokayev, plain);
    expect(text).toContain('│ Kassym-Jomart Tokayev — President of Kazakhstan');
    expect(text).toMatch(/│ Said: 6 Nov 2025\n│ {3}The interview took place/);
    expect(text).toContain('│ The New York Times · 7 Nov 2025 · Anton Troianovski, Paul Sonne and Ana Swanson');
  });

  it('given short inline fields, then they share a line', () => {
    const embed: APIEmbed = {
      fields: [
        { name: 'Company', value: 'Boeing', inline: true },
        { name: 'Value', value: 'Not given', inline: true },
        { name: 'Notes', value: '• one\n• two' },
      ],
    };
    expect(renderReply(data({ embeds: [embed] }), plain)).toBe('│ Company: Boeing   Value: Not given\n│ Notes:\n│   • one\n│   • two');
  });

  it('given an ephemeral reply, then it is marked as visible to the user only', () => {
    const text = renderReply(data({ content: 'No deal matches “x”.', ephemeral: true }), plain);
    expect(text).toBe(`No deal matches “x”.\n\n${terminalMessages.ephemeral}`);
    expect(renderReply(tokayev, plain)).not.toContain(terminalMessages.ephemeral);
  });

  it('given paging buttons and a jump menu, then the terminal shows the page, the words to type and the range to jump in', () => {
    const text = renderReply(tokayev, plain);
    expect(text).toContain('1 / 9 [next ▶] [last ⏭]');
    expect(text).not.toContain('[⏮ first]');
    expect(text).toContain(terminalMessages.pagingHint(9));
    expect(text).toContain('type next (n), prev (p), first or last to page, or a number 1–9 to jump');
    const withColour = renderReply(tokayev, coloured);
    expect(withColour).toContain('\u001b[2m[⏮ first]\u001b[0m');
    expect(renderReply(tokayev, { ...plain, hints: false })).not.toContain(terminalMessages.pagingHint(9));
  });

  it('given other buttons, links and menus, then they are shown with what to type', () => {
    const reply = data({
      content: 'Import 3 entries?',
      components: [
        {
          type: ComponentType.ActionRow,
          components: [
            { type: ComponentType.Button, style: ButtonStyle.Success, custom_id: 'data:confirm', label: 'Confirm' },
            { type: ComponentType.Button, style: ButtonStyle.Link, url: 'https://example.com/doc', label: 'Docs' },
          ],
        },
        {
          type: ComponentType.ActionRow,
          components: [
            {
              type: ComponentType.StringSelect,
              custom_id: 'data:pick',
              placeholder: 'Pick a version',
              options: [
                { label: 'v2', value: 'b', description: 'yesterday' },
                { label: 'v1', value: 'a' },
              ],
            },
          ],
        },
      ],
    });
    const text = renderReply(reply, plain);
    expect(text).toContain('[Confirm]');
    expect(text).toContain(terminalMessages.pressHint);
    expect(text).toContain('Docs: https://example.com/doc');
    expect(text).toContain('  1. v2 — yesterday\n  2. v1');
    expect(text).toContain(terminalMessages.chooseHint(2));
  });

  it('given a narrow terminal, then no line is wider than it', () => {
    for (const width of [40, 60, 80]) {
      for (const line of renderReply(tokayev, { color: false, width }).split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(width);
    }
  });

  it('given data holding terminal control sequences, then none reach the terminal', () => {
    const text = renderReply(data({ embeds: [{ title: 'clear\u001b[2Jscreen\u0007', description: 'ok' }] }), plain);
    expect(text).not.toMatch(ANSI);
    expect(text).toContain('clear[2Jscreen');
    expect(text).not.toContain('\u0007');
  });

  it('given emoji and East Asian text, then they count as two columns', () => {
    expect(displayWidth('⚠️ ok')).toBe(5);
    expect(displayWidth('東京')).toBe(4);
    expect(displayWidth('Токаев')).toBe(6);
  });
});

describe('Discord timestamps in the terminal', () => {
  it('given <t:…:R> and <t:…:f>, then they are written out in UTC, relative where asked', () => {
    const now = Date.UTC(2026, 0, 5, 12, 0);
    const seconds = String(now / 1000 + 300);
    expect(discordTimestamps(`expires <t:${seconds}:R>, at <t:${seconds}:f>`, now)).toBe('expires in 5 min (2026-01-05 12:05 UTC), at 2026-01-05 12:05 UTC');
  });
});
