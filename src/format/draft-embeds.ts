// The reply to /data draft: the draft attached as JSON, a summary a moderator can check, and the way to the import.
import { ButtonStyle, ComponentType, type APIEmbedField } from 'discord-api-types/v10';
import type { Invalid, Preview } from '../admin/admin.ts';
import { formatProblem } from '../data/validate.ts';
import type { Draft } from '../draft/draft.ts';
import { draftMessages } from '../draft/messages.ts';
import { describeFigure, draftHeadline } from '../draft/summary.ts';
import { KIND_COLOURS } from './embeds.ts';
import { EMBED_LIMITS } from './limits.ts';
import type { Reply } from './reply.ts';
import { escapeMarkdown, truncate } from './text.ts';

/** A field listing as many lines as fit in `limit` characters, then how many more there are. */
function listField(name: string, lines: readonly string[], limit: number): APIEmbedField | undefined {
  if (lines.length === 0) return undefined;
  const shown: string[] = [];
  let length = 0;
  for (const [i, line] of lines.entries()) {
    const more = `… and ${String(lines.length - i)} more`;
    if (length + line.length + 1 + more.length > limit) {
      shown.push(more);
      break;
    }
    shown.push(line);
    length += line.length + 1;
  }
  return { name: `${name} (${String(lines.length)})`, value: shown.join('\n') };
}

const quoted = (text: string, max: number): string => `“${escapeMarkdown(truncate(text, max))}”`;

/** The draft as a private reply: summary embed, the JSON attached, and Continue when the draft validates with the live data. */
export function renderDraft(draft: Draft, json: string, prepared: Invalid | Preview): Reply {
  const { summary } = draft;
  const resolved = summary.quotes.filter((quote) => !quote.flag);
  const flagged = summary.quotes.filter((quote) => quote.flag);
  const description = `${escapeMarkdown(draftHeadline(draft))}\n\n${draftMessages.replyIntro}`;
  const lists: [string, string[]][] = [
    ['Quotes', resolved.map((quote) => `✓ **${escapeMarkdown(quote.speaker.name)}** (${quote.resolvedBy ?? ''}): ${quoted(quote.text, 70)}`)],
    ['Flagged: speaker not resolved', flagged.map((quote) => `⚑ ${quoted(quote.text, 60)}: ${escapeMarkdown(quote.flag ?? '')}`)],
    ['Not taken as anyone’s words', summary.setAside.map((item) => `• ${quoted(item.text, 60)} (${item.reason})`)],
    ['New entities', summary.newEntities.map((entity) => `• ${escapeMarkdown(entity.name)} (${entity.type})`)],
    ['Reused from the live data', summary.reusedEntities.map((entity) => `• ${escapeMarkdown(entity.name)} \`${entity.id}\``)],
    ['Candidate figures for deals and facts', summary.figures.map((figure) => `• ${escapeMarkdown(describeFigure(figure))}: ${quoted(figure.sentence, 90)}`)],
    ['Warnings', summary.warnings.map((warning) => `• ${escapeMarkdown(warning)}`)],
    ['It does not validate with the live data', prepared.kind === 'invalid' ? prepared.problems.map((problem) => `• ${escapeMarkdown(formatProblem(problem))}`) : []],
  ];
  const shown = lists.filter(([, lines]) => lines.length > 0);
  // Every list gets an equal share of what the message may hold, so none is cut away whole.
  const share = Math.floor((EMBED_LIMITS.total - description.length - 100 - shown.reduce((sum, [name]) => sum + name.length + 8, 0)) / Math.max(1, shown.length));
  const fields = shown.map(([name, lines]) => listField(name, lines, Math.min(EMBED_LIMITS.fieldValue, share))).filter((field): field is APIEmbedField => field !== undefined);
  return {
    embeds: [
      {
        color: KIND_COLOURS.quote,
        title: `Draft: ${draft.fileName}`,
        description,
        fields,
      },
    ],
    files: [{ name: `draft-${draft.fileName}`, data: Buffer.from(json) }],
    components:
      prepared.kind === 'preview'
        ? [{ type: ComponentType.ActionRow, components: [{ type: ComponentType.Button, style: ButtonStyle.Primary, custom_id: `data:review:${prepared.token}`, label: draftMessages.continueLabel }] }]
        : [],
    ephemeral: true,
  };
}
