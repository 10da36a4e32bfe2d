// Turns a test's description of a user action into interaction `data`: option shorthands, subcommands, components.
import {
  ApplicationCommandOptionType,
  ButtonStyle,
  ComponentType,
  type APIApplicationCommand,
  type APIApplicationCommandOption,
  type APIAttachment,
  type APIMessage,
} from 'discord-api-types/v10';
import { asRecord } from './limits.ts';
import type { OptionsInput, OptionValue } from './types.ts';

/** An option as it travels in interaction data. */
type OptionData = Record<string, unknown>;

export interface CommandDataInput {
  readonly commandId: string;
  readonly name: string;
  readonly command: APIApplicationCommand | undefined;
  readonly subcommand?: string;
  readonly subcommandGroup?: string;
  readonly options?: OptionsInput;
  readonly resolved?: Readonly<Record<string, unknown>>;
  /** For autocomplete: the option being typed (shorthand options only). */
  readonly focused?: string;
  readonly autocomplete: boolean;
  /** Attachments the fake created, so raw type-11 options are resolved without the test repeating them. */
  readonly knownAttachments: ReadonlyMap<string, APIAttachment>;
}

/** The `data` of an application command (or autocomplete) interaction. */
export function commandData(input: CommandDataInput): Readonly<Record<string, unknown>> {
  const declared = declaredOptions(input.command, input.subcommandGroup, input.subcommand);
  const attachments: Record<string, APIAttachment> = {};
  let options: OptionData[];
  if (Array.isArray(input.options)) {
    options = (input.options as readonly OptionData[]).map((option) => ({ ...option }));
    collectAttachments(options, input.knownAttachments, attachments);
  } else {
    const shorthand = (input.options ?? {}) as Readonly<Record<string, OptionValue>>;
    const entries = Object.entries(shorthand);
    const focused = input.autocomplete ? (input.focused ?? (entries.length === 1 ? entries[0]?.[0] : undefined)) : undefined;
    if (input.autocomplete && (focused === undefined || !(focused in shorthand))) {
      throw new Error(`fake-discord: sendAutocomplete for /${input.name} needs \`focused\` naming one of its options (${entries.map(([name]) => name).join(', ') || 'none given'})`);
    }
    options = entries.map(([name, value]) => shorthandOption(name, value, declared.get(name), name === focused, attachments));
  }
  if (input.autocomplete && !hasFocused(options)) {
    throw new Error(`fake-discord: sendAutocomplete for /${input.name} needs one option with focused: true`);
  }
  if (input.subcommand !== undefined) options = [{ type: ApplicationCommandOptionType.Subcommand, name: input.subcommand, options }];
  if (input.subcommandGroup !== undefined) options = [{ type: ApplicationCommandOptionType.SubcommandGroup, name: input.subcommandGroup, options }];

  const givenResolved = input.resolved ?? {};
  const givenAttachments = asRecord(givenResolved.attachments) ?? {};
  const resolvedAttachments = { ...attachments, ...givenAttachments };
  const resolved = Object.keys(resolvedAttachments).length > 0 ? { ...givenResolved, attachments: resolvedAttachments } : input.resolved;
  return {
    id: input.commandId,
    name: input.name,
    type: 1,
    options,
    ...(resolved === undefined ? {} : { resolved }),
    ...(input.command?.guild_id === undefined ? {} : { guild_id: input.command.guild_id }),
  };
}

/** Option types declared by the registered command (for the chosen subcommand), by name. */
function declaredOptions(command: APIApplicationCommand | undefined, group: string | undefined, subcommand: string | undefined): Map<string, number> {
  let level: readonly APIApplicationCommandOption[] = command?.options ?? [];
  for (const name of [group, subcommand]) {
    if (name === undefined) continue;
    const next = level.find((option) => option.name === name);
    level = next !== undefined && 'options' in next ? (next.options ?? []) : [];
  }
  return new Map(level.map((option) => [option.name, option.type]));
}

function shorthandOption(name: string, value: OptionValue, declared: number | undefined, focused: boolean, attachments: Record<string, APIAttachment>): OptionData {
  const focus = focused ? { focused: true } : {};
  if (typeof value === 'object') {
    attachments[value.id] = value;
    return { name, type: ApplicationCommandOptionType.Attachment, value: value.id };
  }
  if (typeof value === 'boolean') return { name, type: ApplicationCommandOptionType.Boolean, value, ...focus };
  if (typeof value === 'number') {
    const type = declared === ApplicationCommandOptionType.Integer ? declared : ApplicationCommandOptionType.Number;
    return { name, type, value, ...focus };
  }
  // Strings stand for whatever the command declares (user/channel/role ids too); while typing, Discord sends text as is.
  return { name, type: declared ?? ApplicationCommandOptionType.String, value, ...focus };
}

function collectAttachments(options: readonly OptionData[], known: ReadonlyMap<string, APIAttachment>, into: Record<string, APIAttachment>): void {
  for (const option of options) {
    if (option.type === ApplicationCommandOptionType.Attachment && typeof option.value === 'string') {
      const attachment = known.get(option.value);
      if (attachment) into[option.value] = attachment;
    }
    if (Array.isArray(option.options)) collectAttachments(option.options as readonly OptionData[], known, into);
  }
}

function hasFocused(options: readonly OptionData[]): boolean {
  return options.some((option) => option.focused === true || (Array.isArray(option.options) && hasFocused(option.options as readonly OptionData[])));
}

/** A component found on a message, with what a user can do with it. */
export interface FoundComponent {
  readonly type: number;
  readonly disabled: boolean;
  readonly isLink: boolean;
  readonly optionValues: readonly string[];
  readonly minValues: number;
  readonly maxValues: number;
}

/** Finds the component with `customId` anywhere in a message's component tree. */
export function findComponent(message: APIMessage, customId: string): FoundComponent | undefined {
  return search(message.components ?? [], customId);
}

/** Every custom id on a message, for error messages. */
export function customIdsOf(message: APIMessage): string[] {
  const ids: string[] = [];
  const visit = (node: unknown): void => {
    const record = asRecord(node);
    if (record === undefined) return;
    if (typeof record.custom_id === 'string') ids.push(record.custom_id);
    if (Array.isArray(record.components)) record.components.forEach(visit);
    if (record.accessory !== undefined) visit(record.accessory);
  };
  (message.components ?? []).forEach(visit);
  return ids;
}

function search(nodes: readonly unknown[], customId: string): FoundComponent | undefined {
  for (const node of nodes) {
    const record = asRecord(node);
    if (record === undefined) continue;
    if (record.custom_id === customId) {
      const options = Array.isArray(record.options) ? (record.options as readonly unknown[]) : [];
      return {
        type: typeof record.type === 'number' ? record.type : 0,
        disabled: record.disabled === true,
        isLink: record.type === ComponentType.Button && record.style === ButtonStyle.Link,
        optionValues: options.flatMap((option) => {
          const value = asRecord(option)?.value;
          return typeof value === 'string' ? [value] : [];
        }),
        minValues: typeof record.min_values === 'number' ? record.min_values : 1,
        maxValues: typeof record.max_values === 'number' ? record.max_values : 1,
      };
    }
    const children = [...(Array.isArray(record.components) ? (record.components as readonly unknown[]) : []), ...(record.accessory === undefined ? [] : [record.accessory])];
    const found = search(children, customId);
    if (found) return found;
  }
  return undefined;
}
