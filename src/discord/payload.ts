// Discord's interaction payload, as the gateway and the HTTP endpoint both deliver it, turned into the plain requests
// the dispatcher takes. The one place that reads Discord's option, member and installation shapes.
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ComponentType,
  InteractionContextType,
  InteractionType,
  type APIApplicationCommandInteractionDataBasicOption,
  type APIApplicationCommandInteractionDataOption,
  type APIInteraction,
  type APIInteractionDataResolved,
  type APIMessage,
  type APIModalSubmissionComponent,
  type APIUser,
  type ModalSubmitComponent,
} from 'discord-api-types/v10';
import type {
  AttachmentInfo,
  AutocompleteRequest,
  BotServices,
  CommandOptions,
  CommandRequest,
  ComponentRequest,
  InteractionPlace,
  MemberInfo,
  ModalFields,
  ModalRequest,
  TargetMessage,
} from '../interaction/types.ts';

/** What arrived, as the router handles it; `ping` exists only on the HTTP endpoint. */
export type Incoming =
  | { readonly kind: 'ping' }
  | { readonly kind: 'command'; readonly request: CommandRequest }
  | { readonly kind: 'autocomplete'; readonly request: AutocompleteRequest }
  | { readonly kind: 'component'; readonly request: ComponentRequest }
  | { readonly kind: 'modal'; readonly request: ModalRequest }
  | { readonly kind: 'unsupported'; readonly type: number };

/** Who and where, common to every kind: enough to log an interaction and to decide what it may do. */
export interface InteractionMeta {
  readonly id: string;
  readonly applicationId: string;
  readonly token: string;
  readonly userId: string;
  readonly guildId: string | undefined;
}

/** The id, token and invoker of a payload, read before anything else (and before anything can fail). */
export function readMeta(raw: APIInteraction): InteractionMeta {
  const user = invokerOf(raw);
  return { id: raw.id, applicationId: raw.application_id, token: raw.token, userId: user?.id ?? '0', guildId: raw.guild_id };
}

/** Turns a payload into the request the dispatcher takes, reading the live snapshot once, now. */
export function readInteraction(raw: APIInteraction, services: BotServices): Incoming {
  if (raw.type === InteractionType.Ping) return { kind: 'ping' };
  const user = invokerOf(raw);
  const base = {
    user: { id: user?.id ?? '0', username: user?.username ?? 'unknown' },
    guildId: raw.guild_id,
    member: memberOf(raw),
    locale: raw.locale,
    place: placeOf(raw.context),
    guildInstall: raw.guild_id !== undefined && raw.authorizing_integration_owners[ApplicationIntegrationType.GuildInstall] === raw.guild_id,
    snapshot: services.live.current,
    services,
  };
  switch (raw.type) {
    case InteractionType.ApplicationCommand: {
      if (raw.data.type === ApplicationCommandType.ChatInput) {
        const { options, subcommand } = flatten(raw.data.options);
        return { kind: 'command', request: { ...base, commandName: raw.data.name, options: commandOptions(options, subcommand, raw.data.resolved) } };
      }
      if (raw.data.type === ApplicationCommandType.Message) {
        const message = raw.data.resolved.messages[raw.data.target_id];
        return {
          kind: 'command',
          request: {
            ...base,
            commandName: raw.data.name,
            options: commandOptions([], undefined, undefined),
            ...(message ? { targetMessage: targetMessageOf(message) } : {}),
          },
        };
      }
      return { kind: 'unsupported', type: raw.type };
    }
    case InteractionType.ApplicationCommandAutocomplete: {
      const { options, subcommand } = flatten(raw.data.options);
      const focused = options.find((option) => 'focused' in option && option.focused);
      return {
        kind: 'autocomplete',
        request: {
          ...base,
          commandName: raw.data.name,
          options: commandOptions(options, subcommand, undefined),
          // Discord always marks one option; a payload without one is answered with no choices rather than a crash.
          focused: { name: focused?.name ?? '', value: focusedValue(focused) },
        },
      };
    }
    case InteractionType.MessageComponent: {
      const values = raw.data.component_type === ComponentType.StringSelect ? raw.data.values : [];
      return { kind: 'component', request: { ...base, customId: raw.data.custom_id, values } };
    }
    case InteractionType.ModalSubmit:
      return { kind: 'modal', request: { ...base, customId: raw.data.custom_id, fields: modalFields(raw.data.components) } };
    default:
      return { kind: 'unsupported', type: (raw as { type: number }).type };
  }
}

function invokerOf(raw: APIInteraction): APIUser | undefined {
  return raw.member?.user ?? raw.user;
}

function memberOf(raw: APIInteraction): MemberInfo | undefined {
  const member = raw.member;
  if (raw.guild_id === undefined || !member) return undefined;
  return { permissions: parsePermissions(member.permissions), roles: member.roles };
}

function parsePermissions(bits: string): bigint {
  try {
    return BigInt(bits);
  } catch {
    return 0n;
  }
}

function placeOf(context: InteractionContextType | undefined): InteractionPlace | undefined {
  switch (context) {
    case InteractionContextType.Guild:
      return 'guild';
    case InteractionContextType.BotDM:
      return 'bot-dm';
    case InteractionContextType.PrivateChannel:
      return 'private-channel';
    default:
      return undefined;
  }
}

type BasicOption = APIApplicationCommandInteractionDataBasicOption;

/** A subcommand's options are read like top-level ones; the subcommand's name is kept (groups prefix it). */
function flatten(options: readonly APIApplicationCommandInteractionDataOption[] | undefined): { options: BasicOption[]; subcommand: string | undefined } {
  const first = options?.[0];
  if (first?.type === ApplicationCommandOptionType.SubcommandGroup) {
    const inner = flatten(first.options);
    return { options: inner.options, subcommand: inner.subcommand };
  }
  if (first?.type === ApplicationCommandOptionType.Subcommand) return { options: [...(first.options ?? [])], subcommand: first.name };
  return { options: (options ?? []).filter((option): option is BasicOption => option.type !== ApplicationCommandOptionType.Subcommand), subcommand: undefined };
}

/** What has been typed so far: autocomplete sends it as a string even for number options. */
function focusedValue(option: BasicOption | undefined): string {
  if (!option || !('value' in option)) return '';
  const value: unknown = option.value;
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

function commandOptions(options: readonly BasicOption[], subcommand: string | undefined, resolved: APIInteractionDataResolved | undefined): CommandOptions {
  const byName = new Map(options.map((option) => [option.name, option]));
  return {
    subcommand,
    string: (name) => {
      const option = byName.get(name);
      // An option of another type under that name counts as absent rather than failing the command.
      return option?.type === ApplicationCommandOptionType.String && typeof option.value === 'string' ? option.value : undefined;
    },
    attachment: (name): AttachmentInfo | undefined => {
      const option = byName.get(name);
      if (option?.type !== ApplicationCommandOptionType.Attachment) return undefined;
      const attachment = resolved?.attachments?.[option.value];
      if (!attachment) return undefined;
      return { id: attachment.id, filename: attachment.filename, size: attachment.size, url: attachment.url, contentType: attachment.content_type };
    },
  };
}

/** The parts of a message a lookup can read: its text and the text of its embeds. */
function targetMessageOf(message: APIMessage): TargetMessage {
  const embedText = message.embeds.flatMap((embed) => [embed.title, embed.description, ...(embed.fields ?? []).flatMap((field) => [field.name, field.value])]);
  return {
    id: message.id,
    channelId: message.channel_id,
    authorId: message.author.id,
    content: message.content,
    embedText: embedText.filter((text): text is string => typeof text === 'string' && text !== '').join('\n'),
  };
}

/** The submitted values by component custom_id, from classic action rows and from labels alike. */
function modalFields(components: readonly APIModalSubmissionComponent[]): ModalFields {
  const values = new Map<string, readonly string[]>();
  const add = (component: ModalSubmitComponent): void => {
    if ('value' in component && typeof component.value === 'string') values.set(component.custom_id, [component.value]);
    else if ('values' in component && Array.isArray(component.values)) values.set(component.custom_id, component.values.map(String));
  };
  for (const component of components) {
    if (component.type === ComponentType.ActionRow) component.components.forEach(add);
    else if (component.type === ComponentType.Label) add(component.component);
  }
  return {
    text: (id) => values.get(id)?.[0],
    values: (id) => values.get(id) ?? [],
    ids: () => [...values.keys()],
  };
}
