// Every reply passes through finalizeReply: Discord's limits enforced in one place, never throwing, never pinging.
import type {
  APIActionRowComponent,
  APIComponentInMessageActionRow,
  APIEmbed,
  APIEmbedField,
  APIInteractionResponseCallbackData,
  APIModalInteractionResponseCallbackData,
  APISelectMenuOption,
} from 'discord-api-types/v10';
import { ComponentType, type MessageFlags } from 'discord-api-types/v10';
import { COMPONENT_LIMITS, EMBED_LIMITS, EPHEMERAL_FLAG, MESSAGE_LIMITS } from './limits.ts';
import { truncate } from './text.ts';

export type ActionRow = APIActionRowComponent<APIComponentInMessageActionRow>;

/** A form (modal) as Discord takes it. */
export type Modal = APIModalInteractionResponseCallbackData;

/** A file attached to a reply (exports). */
export interface ReplyFile {
  readonly name: string;
  readonly data: Buffer;
}

/** What a command answers, before limits are applied. */
export interface Reply {
  readonly content?: string;
  readonly embeds?: readonly APIEmbed[];
  readonly components?: readonly ActionRow[];
  readonly files?: readonly ReplyFile[];
  /** Visible only to the person who ran the command. */
  readonly ephemeral?: boolean;
  /** For a click: answer with a new message instead of replacing the clicked one (ephemeral answers always are new). */
  readonly newMessage?: boolean;
  /**
   * Replace the message after a while (an import preview whose Confirm button expires). `reply` is asked at that time
   * and may answer undefined when nothing should change any more.
   */
  readonly expire?: { readonly afterMs: number; readonly reply: () => Promise<Reply | undefined> };
  /** Open this form instead of answering: possible only as the first response to a command, click or form. */
  readonly modal?: Modal;
}

/** The interaction response's `data`, exactly as sent to Discord: classic action rows, no pings. */
export type ReplyData = Omit<APIInteractionResponseCallbackData, 'components' | 'embeds' | 'allowed_mentions' | 'flags'> & {
  embeds: APIEmbed[];
  components: ActionRow[];
  allowed_mentions: { parse: [] };
  /** EPHEMERAL (64) or absent. */
  flags?: MessageFlags.Ephemeral;
};

/** A reply ready to send: its data plus the files that go with it. */
export interface FinalReply {
  readonly data: ReplyData;
  readonly files: readonly ReplyFile[];
  readonly modal?: Modal;
}

/** Applies every Discord limit to a reply. Over-long text is cut cleanly, empty parts are dropped, nothing throws. */
export function finalizeReply(reply: Reply): FinalReply {
  const embeds = fitEmbeds(reply.embeds ?? []);
  const components = fitComponents(reply.components ?? []);
  let content = reply.content ? truncate(reply.content, MESSAGE_LIMITS.content) : undefined;
  if (!content && embeds.length === 0 && (reply.files ?? []).length === 0) content = '\u200b';
  const data: ReplyData = {
    ...(content ? { content } : {}),
    embeds,
    components,
    allowed_mentions: { parse: [] },
    ...(reply.ephemeral ? { flags: EPHEMERAL_FLAG } : {}),
  };
  return { data, files: reply.files ?? [], ...(reply.modal ? { modal: reply.modal } : {}) };
}

/** The characters of an embed that count towards the 6000 total. */
export function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0)
  );
}

function fitEmbeds(input: readonly APIEmbed[]): APIEmbed[] {
  const embeds = input.slice(0, EMBED_LIMITS.embedsPerMessage).map(fitEmbed);
  // Over the message total, shrink the largest text first, then drop trailing embeds' fields: the first embed is
  // the answer and keeps its shape for as long as possible.
  let excess = embeds.reduce((sum, embed) => sum + embedLength(embed), 0) - EMBED_LIMITS.total;
  for (let i = embeds.length - 1; i >= 0 && excess > 0; i--) {
    const embed = embeds[i];
    if (!embed) continue;
    const shrunk = shrinkEmbed(embed, excess);
    excess -= embedLength(embed) - embedLength(shrunk);
    embeds[i] = shrunk;
  }
  return embeds.filter((embed) => embedLength(embed) > 0 || embed.image || embed.thumbnail);
}

function fitEmbed(embed: APIEmbed): APIEmbed {
  const fitted: APIEmbed = {};
  if (embed.color !== undefined) fitted.color = embed.color;
  if (embed.url) fitted.url = embed.url;
  if (embed.timestamp) fitted.timestamp = embed.timestamp;
  if (embed.image) fitted.image = embed.image;
  if (embed.thumbnail) fitted.thumbnail = embed.thumbnail;
  const title = nonEmpty(embed.title, EMBED_LIMITS.title);
  if (title) fitted.title = title;
  const description = nonEmpty(embed.description, EMBED_LIMITS.description);
  if (description) fitted.description = description;
  const author = nonEmpty(embed.author?.name, EMBED_LIMITS.authorName);
  if (author && embed.author) fitted.author = { ...embed.author, name: author };
  const footer = nonEmpty(embed.footer?.text, EMBED_LIMITS.footer);
  if (footer && embed.footer) fitted.footer = { ...embed.footer, text: footer };
  const fields = (embed.fields ?? []).flatMap((field): APIEmbedField[] => {
    const name = nonEmpty(field.name, EMBED_LIMITS.fieldName);
    const value = nonEmpty(field.value, EMBED_LIMITS.fieldValue);
    if (!name || !value) return [];
    return [field.inline === undefined ? { name, value } : { name, value, inline: field.inline }];
  });
  if (fields.length > 0) fitted.fields = fields.slice(0, EMBED_LIMITS.fields);
  return fitted;
}

/** Removes at least `excess` characters from an embed: long texts are cut first, then whole fields from the end. */
function shrinkEmbed(embed: APIEmbed, excess: number): APIEmbed {
  const shrunk: APIEmbed = { ...embed, fields: embed.fields ? [...embed.fields] : undefined };
  let remaining = excess;
  const cut = (text: string, floor: number): string => {
    if (remaining <= 0 || text.length <= floor) return text;
    const target = Math.max(floor, text.length - remaining);
    const next = truncate(text, target);
    remaining -= text.length - next.length;
    return next;
  };
  if (shrunk.description) shrunk.description = cut(shrunk.description, 200);
  if (shrunk.fields) {
    shrunk.fields = shrunk.fields.map((field) => ({ ...field, value: cut(field.value, 100) }));
    while (remaining > 0 && shrunk.fields.length > 0) {
      const dropped = shrunk.fields.pop();
      if (dropped) remaining -= dropped.name.length + dropped.value.length;
    }
    if (shrunk.fields.length === 0) delete shrunk.fields;
  }
  if (remaining > 0 && shrunk.description) shrunk.description = cut(shrunk.description, 1);
  if (remaining > 0 && shrunk.footer) {
    remaining -= shrunk.footer.text.length;
    delete shrunk.footer;
  }
  if (remaining > 0 && shrunk.author) {
    remaining -= shrunk.author.name.length;
    delete shrunk.author;
  }
  if (remaining > 0 && shrunk.title) shrunk.title = cut(shrunk.title, 1);
  return shrunk;
}

function fitComponents(rows: readonly ActionRow[]): ActionRow[] {
  const seen = new Set<string>();
  const fitted: ActionRow[] = [];
  for (const row of rows.slice(0, COMPONENT_LIMITS.actionRows)) {
    const components = row.components.slice(0, COMPONENT_LIMITS.buttonsPerRow).flatMap((component): APIComponentInMessageActionRow[] => {
      const customId = 'custom_id' in component ? component.custom_id : undefined;
      // A custom_id that is too long or repeated would make Discord refuse the whole message: drop the component.
      if (customId !== undefined && (customId.length === 0 || customId.length > COMPONENT_LIMITS.customId || seen.has(customId))) return [];
      if (customId !== undefined) seen.add(customId);
      if (component.type === ComponentType.Button && 'label' in component && component.label !== undefined) {
        return [{ ...component, label: truncate(component.label, COMPONENT_LIMITS.buttonLabel) }];
      }
      if (component.type === ComponentType.StringSelect) {
        const options = component.options.slice(0, COMPONENT_LIMITS.selectOptions).map(fitSelectOption);
        if (options.length === 0) return [];
        const placeholder = component.placeholder ? truncate(component.placeholder, COMPONENT_LIMITS.selectPlaceholder) : undefined;
        return [{ ...component, options, ...(placeholder ? { placeholder } : {}) }];
      }
      return [component];
    });
    if (components.length > 0) fitted.push({ ...row, components });
  }
  return fitted;
}

function fitSelectOption(option: APISelectMenuOption): APISelectMenuOption {
  const label = truncate(option.label, COMPONENT_LIMITS.selectOptionLabel) || '—';
  const description = option.description ? truncate(option.description, COMPONENT_LIMITS.selectOptionDescription) : undefined;
  return { ...option, label, value: option.value.slice(0, COMPONENT_LIMITS.selectOptionValue), ...(description ? { description } : {}) };
}

function nonEmpty(text: string | undefined, max: number): string | undefined {
  const trimmed = text?.trim();
  return trimmed ? truncate(trimmed, max) : undefined;
}
