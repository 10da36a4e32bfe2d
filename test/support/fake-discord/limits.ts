// Discord's limits, written independently of the bot from docs/discord-limits.md, and validators that answer like Discord.
import type { ErrorTree, FieldError } from './types.ts';

/** Every limit the fake enforces, in one frozen object. Lengths are in Unicode code points (see `textLength`). */
export const LIMITS = Object.freeze({
  content: 2000,
  embedsPerMessage: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  embedFieldName: 256,
  embedFieldValue: 1024,
  embedFooterText: 2048,
  embedAuthorName: 256,
  embedTotal: 6000,
  actionRows: 5,
  buttonsPerRow: 5,
  selectOptions: 25,
  selectOptionText: 100,
  selectPlaceholder: 150,
  customId: 100,
  buttonLabel: 80,
  autocompleteChoices: 25,
  choiceName: 100,
  choiceValue: 100,
  modalTitle: 45,
  modalComponents: 5,
  modalLabel: 45,
  modalLabelDescription: 100,
  textInputValue: 4000,
  textInputPlaceholder: 100,
  textDisplayContent: 4000,
  /** A user's own message (Nitro); what a context-menu command may be run on. */
  userMessageContent: 4000,
  /** Follow-ups per interaction for an app reached only through a user install. */
  userInstallFollowUps: 5,
  contextMenuCommandsPerType: 15,
  commandName: 32,
  commandDescription: 100,
  commandOptions: 25,
  optionChoices: 25,
  commandTotalChars: 8000,
  chatInputCommandsPerScope: 100,
  // Not in discord-limits.md but documented by Discord for uploads: 10 files a message, 10 MiB each by default.
  filesPerMessage: 10,
  fileBytes: 10 * 1024 * 1024,
  initialResponseMs: 3000,
  tokenLifetimeMs: 15 * 60 * 1000,
});

/** Message flag bits the fake knows about. */
export const MessageFlag = Object.freeze({
  SuppressEmbeds: 1 << 2,
  Ephemeral: 1 << 6,
  Loading: 1 << 7,
  SuppressNotifications: 1 << 12,
  IsComponentsV2: 1 << 15,
});

/** Flags an app may set when it creates a message through an interaction or a webhook. */
export const CREATE_FLAGS = MessageFlag.Ephemeral | MessageFlag.SuppressEmbeds | MessageFlag.SuppressNotifications | MessageFlag.IsComponentsV2;
/** Flags an edit may carry (ephemerality is fixed at creation; Discord keeps the original value). */
export const EDIT_FLAGS = MessageFlag.Ephemeral | MessageFlag.SuppressEmbeds | MessageFlag.IsComponentsV2;
/** Flags a plain channel message may carry: ephemeral messages only exist as interaction responses. */
export const CHANNEL_FLAGS = MessageFlag.SuppressEmbeds | MessageFlag.SuppressNotifications | MessageFlag.IsComponentsV2;
/** A deferred response (type 5) accepts only EPHEMERAL. */
export const DEFERRED_FLAGS = MessageFlag.Ephemeral;

type PathPart = string | number;
type Path = readonly PathPart[];

interface MutableTree {
  [key: string]: MutableTree | FieldError[];
}

/** Collects field errors into the nested `errors` object of a 50035 "Invalid Form Body" answer. */
export class FormErrors {
  private readonly root: MutableTree = {};
  private count = 0;

  /** Records one error at `path` (keys and array indexes of the payload). */
  add(path: Path, code: string, message: string): void {
    let node = this.root;
    for (const part of path) {
      const key = String(part);
      const next = node[key];
      if (next === undefined || Array.isArray(next)) {
        const created: MutableTree = {};
        node[key] = created;
        node = created;
      } else {
        node = next;
      }
    }
    const existing = node._errors;
    if (Array.isArray(existing)) existing.push({ code, message });
    else node._errors = [{ code, message }];
    this.count += 1;
  }

  /** True when the payload broke no rule. */
  get isEmpty(): boolean {
    return this.count === 0;
  }

  /** The tree Discord puts under `errors`. */
  toJSON(): ErrorTree {
    return this.root;
  }
}

/**
 * Length as Discord counts it: Unicode code points, not UTF-16 units (Discord's API is Python 3; confirmed by a Discord
 * engineer in discord/discord-api-docs#1315). A bot measuring with `.length` is therefore never too lenient.
 */
export function textLength(value: string): number {
  let length = 0;
  for (const _ of value) length += 1;
  return length;
}

interface TextRule {
  readonly min?: number;
  readonly max: number;
  readonly required?: boolean;
}

/** Checks one string field; returns its length whenever it is a string (totals count over-long fields too), else 0. */
export function checkText(errors: FormErrors, path: Path, value: unknown, rule: TextRule): number {
  if (value === undefined || value === null) {
    if (rule.required) errors.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
    return 0;
  }
  if (typeof value !== 'string') {
    errors.add(path, 'BASE_TYPE_STRING', `Could not interpret "${describe(value)}" as string.`);
    return 0;
  }
  const length = textLength(value);
  const min = rule.min ?? 0;
  // Discord names the bound that was broken: too long is MAX_LENGTH, too short (empty) is BAD_LENGTH with the range.
  if (length > rule.max) errors.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${rule.max} or fewer in length.`);
  else if (length < min) errors.add(path, 'BASE_TYPE_BAD_LENGTH', `Must be between ${min} and ${rule.max} in length.`);
  return length;
}

/** Checks that a field, when present, is an array of at most `max` items; returns the items to check further. */
export function checkArray(errors: FormErrors, path: Path, value: unknown, max: number, required = false): readonly unknown[] {
  if (value === undefined || value === null) {
    if (required) errors.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
    return [];
  }
  if (!Array.isArray(value)) {
    errors.add(path, 'BASE_TYPE_ARRAY', `Could not interpret "${describe(value)}" as a list.`);
    return [];
  }
  if (value.length > max) errors.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
  return value as readonly unknown[];
}

/** A JSON object as a record, or undefined for anything else. */
export function asRecord(value: unknown): Readonly<Record<string, unknown>> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function describe(value: unknown): string {
  const json = JSON.stringify(value);
  return (json.length > 40 ? `${json.slice(0, 40)}…` : json).replaceAll('"', "'");
}

function checkFlags(errors: FormErrors, path: Path, value: unknown, allowed: number): void {
  if (value === undefined || value === null) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    errors.add(path, 'NUMBER_TYPE_COERCE', `Value "${describe(value)}" is not int.`);
    return;
  }
  const extra = value & ~allowed;
  if (extra !== 0) errors.add(path, 'MESSAGE_FLAGS_INVALID', `Invalid message flags: ${extra} is not allowed here (allowed bits: ${allowed}).`);
}

/** What kind of write a message payload is: it decides which flags are allowed. */
export type MessageWrite = 'create' | 'edit' | 'channel';

const FLAGS_FOR: Readonly<Record<MessageWrite, number>> = { create: CREATE_FLAGS, edit: EDIT_FLAGS, channel: CHANNEL_FLAGS };

/** Validates content, embeds, components, flags and attachments of a message payload (create or edit). */
export function validateMessagePayload(errors: FormErrors, path: Path, body: Readonly<Record<string, unknown>>, write: MessageWrite): void {
  checkText(errors, [...path, 'content'], body.content, { max: LIMITS.content });
  validateEmbeds(errors, [...path, 'embeds'], body.embeds);
  checkFlags(errors, [...path, 'flags'], body.flags, FLAGS_FOR[write]);
  const flags = typeof body.flags === 'number' ? body.flags : 0;
  validateComponents(errors, [...path, 'components'], body.components, (flags & MessageFlag.IsComponentsV2) !== 0);
  if ((flags & MessageFlag.IsComponentsV2) !== 0) {
    // Components v2 messages carry everything in components; Discord refuses content and embeds alongside.
    if (typeof body.content === 'string' && body.content !== '') errors.add([...path, 'content'], 'MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2', 'The \'content\' field cannot be used when using MessageFlags.IS_COMPONENTS_V2');
    if (Array.isArray(body.embeds) && body.embeds.length > 0) errors.add([...path, 'embeds'], 'MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2', 'The \'embeds\' field cannot be used when using MessageFlags.IS_COMPONENTS_V2');
  }
  const attachments = checkArray(errors, [...path, 'attachments'], body.attachments, LIMITS.filesPerMessage);
  attachments.forEach((attachment, index) => {
    const record = asRecord(attachment);
    const id = record?.id;
    if (typeof id !== 'string' && typeof id !== 'number') errors.add([...path, 'attachments', index, 'id'], 'BASE_TYPE_REQUIRED', 'This field is required');
  });
}

/** Embed limits: per-field lengths, no empty strings, at most 25 fields, and 6000 characters over all embeds. */
export function validateEmbeds(errors: FormErrors, path: Path, value: unknown): void {
  const embeds = checkArray(errors, path, value, LIMITS.embedsPerMessage);
  let total = 0;
  embeds.forEach((embedValue, index) => {
    const at = [...path, index];
    const embed = asRecord(embedValue);
    if (embed === undefined) {
      errors.add(at, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
      return;
    }
    total += checkText(errors, [...at, 'title'], embed.title, { min: 1, max: LIMITS.embedTitle });
    total += checkText(errors, [...at, 'description'], embed.description, { min: 1, max: LIMITS.embedDescription });
    const footer = asRecord(embed.footer);
    if (embed.footer !== undefined && embed.footer !== null) {
      total += checkText(errors, [...at, 'footer', 'text'], footer?.text, { min: 1, max: LIMITS.embedFooterText, required: true });
    }
    const author = asRecord(embed.author);
    if (embed.author !== undefined && embed.author !== null) {
      total += checkText(errors, [...at, 'author', 'name'], author?.name, { min: 1, max: LIMITS.embedAuthorName, required: true });
    }
    const fields = checkArray(errors, [...at, 'fields'], embed.fields, LIMITS.embedFields);
    fields.forEach((fieldValue, fieldIndex) => {
      const field = asRecord(fieldValue);
      const fieldPath = [...at, 'fields', fieldIndex];
      total += checkText(errors, [...fieldPath, 'name'], field?.name, { min: 1, max: LIMITS.embedFieldName, required: true });
      total += checkText(errors, [...fieldPath, 'value'], field?.value, { min: 1, max: LIMITS.embedFieldValue, required: true });
    });
  });
  if (total > LIMITS.embedTotal) {
    errors.add(path, 'MAX_EMBED_SIZE_EXCEEDED', `Embed size exceeds maximum size of ${LIMITS.embedTotal}`);
  }
}

const ComponentType = Object.freeze({ ActionRow: 1, Button: 2, StringSelect: 3, TextInput: 4, UserSelect: 5, RoleSelect: 6, MentionableSelect: 7, ChannelSelect: 8 });
const SELECT_TYPES: ReadonlySet<number> = new Set([3, 5, 6, 7, 8]);
const LINK_STYLE = 5;
const PREMIUM_STYLE = 6;

/** Component limits: 5 rows, 5 buttons a row, a select alone in its row, custom ids 1–100 and unique, labels ≤80. */
export function validateComponents(errors: FormErrors, path: Path, value: unknown, componentsV2: boolean): void {
  const seenIds = new Map<string, Path>();
  const checkCustomId = (at: Path, customId: unknown): void => {
    checkText(errors, [...at, 'custom_id'], customId, { min: 1, max: LIMITS.customId, required: true });
    if (typeof customId !== 'string') return;
    if (seenIds.has(customId)) errors.add([...at, 'custom_id'], 'COMPONENT_CUSTOM_ID_DUPLICATED', 'Component custom id cannot be duplicated');
    else seenIds.set(customId, at);
  };

  if (componentsV2) {
    // Only the rules that do not depend on the v2 layout tree: every interactive component anywhere in it.
    const components = checkArray(errors, path, value, 40);
    const visit = (node: unknown, at: Path): void => {
      const record = asRecord(node);
      if (record === undefined) return;
      if (record.type === ComponentType.Button) validateButton(errors, at, record, checkCustomId);
      else if (typeof record.type === 'number' && SELECT_TYPES.has(record.type)) validateSelect(errors, at, record, checkCustomId);
      for (const key of ['components', 'accessory'] as const) {
        const child = record[key];
        if (Array.isArray(child)) child.forEach((item, index) => { visit(item, [...at, key, index]); });
        else if (child !== undefined) visit(child, [...at, key]);
      }
    };
    components.forEach((component, index) => { visit(component, [...path, index]); });
    return;
  }

  const rows = checkArray(errors, path, value, LIMITS.actionRows);
  rows.forEach((rowValue, rowIndex) => {
    const rowPath = [...path, rowIndex];
    const row = asRecord(rowValue);
    if (row?.type !== ComponentType.ActionRow) {
      errors.add([...rowPath, 'type'], 'UNION_TYPE_CHOICES', `Value of field "type" must be one of (${ComponentType.ActionRow},).`);
      return;
    }
    const children = checkArray(errors, [...rowPath, 'components'], row.components, LIMITS.buttonsPerRow, true);
    if (Array.isArray(row.components) && children.length === 0) {
      errors.add([...rowPath, 'components'], 'BASE_TYPE_BAD_LENGTH', `Must be between 1 and ${LIMITS.buttonsPerRow} in length.`);
    }
    const hasSelect = children.some((child) => {
      const type = asRecord(child)?.type;
      return typeof type === 'number' && SELECT_TYPES.has(type);
    });
    if (hasSelect && children.length > 1) {
      errors.add([...rowPath, 'components'], 'COMPONENT_LAYOUT_WIDTH_EXCEEDED', 'The specified component exceeds the maximum width');
    }
    children.forEach((childValue, childIndex) => {
      const childPath = [...rowPath, 'components', childIndex];
      const child = asRecord(childValue);
      if (child?.type === ComponentType.Button) validateButton(errors, childPath, child, checkCustomId);
      else if (typeof child?.type === 'number' && SELECT_TYPES.has(child.type)) validateSelect(errors, childPath, child, checkCustomId);
      else errors.add([...childPath, 'type'], 'UNION_TYPE_CHOICES', 'Value of field "type" must be a message component type.');
    });
  });
}

function validateButton(errors: FormErrors, at: Path, button: Readonly<Record<string, unknown>>, checkCustomId: (at: Path, id: unknown) => void): void {
  checkText(errors, [...at, 'label'], button.label, { max: LIMITS.buttonLabel });
  if (button.style === LINK_STYLE) {
    checkText(errors, [...at, 'url'], button.url, { min: 1, max: 512, required: true });
    if (button.custom_id !== undefined) errors.add([...at, 'custom_id'], 'BUTTON_LINK_CUSTOM_ID', 'A link button cannot have a custom id');
  } else if (button.style === PREMIUM_STYLE) {
    if (typeof button.sku_id !== 'string') errors.add([...at, 'sku_id'], 'BASE_TYPE_REQUIRED', 'This field is required');
  } else {
    if (typeof button.style !== 'number' || button.style < 1 || button.style > 4) {
      errors.add([...at, 'style'], 'BASE_TYPE_CHOICES', 'Value must be one of {1, 2, 3, 4, 5, 6}.');
    }
    checkCustomId(at, button.custom_id);
    if (button.label === undefined && button.emoji === undefined) {
      errors.add(at, 'BUTTON_COMPONENT_LABEL_OR_EMOJI_REQUIRED', 'A button must have a label or an emoji');
    }
  }
}

/** Select menus (in messages and in modal labels): custom id, placeholder, options, min and max values. */
export function validateSelect(errors: FormErrors, at: Path, select: Readonly<Record<string, unknown>>, checkCustomId: (at: Path, id: unknown) => void): void {
  checkCustomId(at, select.custom_id);
  checkText(errors, [...at, 'placeholder'], select.placeholder, { max: LIMITS.selectPlaceholder });
  if (select.type !== ComponentType.StringSelect) return;
  const options = checkArray(errors, [...at, 'options'], select.options, LIMITS.selectOptions, true);
  if (Array.isArray(select.options) && options.length === 0) {
    errors.add([...at, 'options'], 'BASE_TYPE_BAD_LENGTH', `Must be between 1 and ${LIMITS.selectOptions} in length.`);
  }
  const values = new Set<string>();
  options.forEach((optionValue, index) => {
    const option = asRecord(optionValue);
    const optionPath = [...at, 'options', index];
    checkText(errors, [...optionPath, 'label'], option?.label, { min: 1, max: LIMITS.selectOptionText, required: true });
    checkText(errors, [...optionPath, 'value'], option?.value, { min: 1, max: LIMITS.selectOptionText, required: true });
    checkText(errors, [...optionPath, 'description'], option?.description, { max: LIMITS.selectOptionText });
    if (typeof option?.value === 'string') {
      if (values.has(option.value)) errors.add([...optionPath, 'value'], 'SELECT_COMPONENT_OPTION_VALUE_DUPLICATED', 'Select option values must be unique');
      values.add(option.value);
    }
  });
  for (const key of ['min_values', 'max_values'] as const) {
    const bound = select[key];
    if (bound === undefined) continue;
    const min = key === 'min_values' ? 0 : 1;
    if (typeof bound !== 'number' || !Number.isInteger(bound) || bound < min || bound > LIMITS.selectOptions) {
      errors.add([...at, key], 'NUMBER_TYPE_MAX', `Value must be between ${min} and ${LIMITS.selectOptions}.`);
    }
  }
}

/** Autocomplete result (type 8): at most 25 choices, name 1–100, string value at most 100. */
export function validateAutocomplete(errors: FormErrors, path: Path, data: Readonly<Record<string, unknown>> | undefined): void {
  const choices = checkArray(errors, [...path, 'choices'], data?.choices, LIMITS.autocompleteChoices, true);
  choices.forEach((choiceValue, index) => validateChoice(errors, [...path, 'choices', index], choiceValue));
}

function validateChoice(errors: FormErrors, at: Path, value: unknown): number {
  const choice = asRecord(value);
  let size = checkText(errors, [...at, 'name'], choice?.name, { min: 1, max: LIMITS.choiceName, required: true });
  size = Math.max(size, checkLocalizations(errors, [...at, 'name_localizations'], choice?.name_localizations, (path, text) => checkText(errors, path, text, { min: 1, max: LIMITS.choiceName, required: true })));
  const choiceValue = choice?.value;
  if (typeof choiceValue === 'string') size += checkText(errors, [...at, 'value'], choiceValue, { max: LIMITS.choiceValue });
  else if (typeof choiceValue === 'number') size += String(choiceValue).length;
  else errors.add([...at, 'value'], 'BASE_TYPE_REQUIRED', 'This field is required');
  return size;
}

/** A deferred response (type 5) may only say whether the eventual message is ephemeral. */
export function validateDeferredFlags(errors: FormErrors, path: Path, data: Readonly<Record<string, unknown>> | undefined): void {
  checkFlags(errors, [...path, 'flags'], data?.flags, DEFERRED_FLAGS);
}

// Chat-input command and option names: letters, digits, - and _, 1–32, lowercase (Discord's documented regex).
const COMMAND_NAME = /^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const CommandType = Object.freeze({ ChatInput: 1, User: 2, Message: 3, PrimaryEntryPoint: 4 });
const COMMAND_TYPES: ReadonlySet<number> = new Set(Object.values(CommandType));
const OptionType = Object.freeze({ Subcommand: 1, SubcommandGroup: 2, String: 3, Integer: 4, Number: 10, Attachment: 11 });
const CHOICE_TYPES: ReadonlySet<number> = new Set([OptionType.String, OptionType.Integer, OptionType.Number]);
/** `integration_types`: 0 guild install, 1 user install. */
const INTEGRATION_TYPES: ReadonlySet<number> = new Set([0, 1]);
/** `contexts`: 0 guild, 1 bot DM, 2 private channel. */
const INTERACTION_CONTEXTS: ReadonlySet<number> = new Set([0, 1, 2]);
/** The locales Discord accepts as keys of `*_localizations` and sends as `locale` (Discord's reference, "Locales"). */
export const DISCORD_LOCALES: ReadonlySet<string> = new Set([
  'id', 'da', 'de', 'en-GB', 'en-US', 'es-ES', 'es-419', 'fr', 'hr', 'it', 'lt', 'hu', 'nl', 'no', 'pl', 'pt-BR', 'ro', 'fi',
  'sv-SE', 'vi', 'tr', 'cs', 'el', 'bg', 'ru', 'uk', 'hi', 'th', 'zh-CN', 'ja', 'zh-TW', 'ko',
]);

/**
 * Checks a `*_localizations` map (keys must be Discord locales, values follow the field's own rule) and returns the
 * length of its longest value: Discord counts only the longest localization of a field toward the 8000 total.
 */
function checkLocalizations(errors: FormErrors, at: Path, value: unknown, checkValue: (path: Path, text: unknown) => number): number {
  if (value === undefined || value === null) return 0;
  const map = asRecord(value);
  if (map === undefined) {
    errors.add(at, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
    return 0;
  }
  let longest = 0;
  for (const [locale, text] of Object.entries(map)) {
    if (!DISCORD_LOCALES.has(locale)) errors.add([...at, locale], 'ENUM_TYPE_COERCE', `Value "${locale}" is not a valid enum value.`);
    longest = Math.max(longest, checkValue([...at, locale], text));
  }
  return longest;
}

/** A command's or option's name and its localizations; returns the characters the longest counts toward the total. */
function checkLocalizedName(errors: FormErrors, at: Path, owner: Readonly<Record<string, unknown>>, chatInput: boolean): number {
  const length = checkCommandName(errors, [...at, 'name'], owner.name, chatInput);
  const localized = checkLocalizations(errors, [...at, 'name_localizations'], owner.name_localizations, (path, text) => checkCommandName(errors, path, text, chatInput));
  return Math.max(length, localized);
}

function checkLocalizedDescription(errors: FormErrors, at: Path, owner: Readonly<Record<string, unknown>>): number {
  const rule = { min: 1, max: LIMITS.commandDescription, required: true };
  const length = checkText(errors, [...at, 'description'], owner.description, rule);
  const localized = checkLocalizations(errors, [...at, 'description_localizations'], owner.description_localizations, (path, text) => checkText(errors, path, text, rule));
  return Math.max(length, localized);
}

function checkCommandName(errors: FormErrors, at: Path, name: unknown, chatInput: boolean): number {
  const length = checkText(errors, at, name, { min: 1, max: LIMITS.commandName, required: true });
  if (chatInput && typeof name === 'string' && length > 0) {
    if (!COMMAND_NAME.test(name)) {
      errors.add(at, 'APPLICATION_COMMAND_INVALID_NAME', `Command name is invalid: "${name}" must match ${COMMAND_NAME.source}`);
    } else if (name !== name.toLowerCase()) {
      errors.add(at, 'APPLICATION_COMMAND_INVALID_NAME', `Command name is invalid: "${name}" must be lowercase`);
    }
  }
  return length;
}

/** Validates one bulk-overwrite body: at most 100 chat-input commands, unique names, and every per-command limit. */
export function validateCommands(errors: FormErrors, body: unknown): void {
  if (!Array.isArray(body)) {
    errors.add([], 'BASE_TYPE_ARRAY', 'Could not interpret the body as a list of commands.');
    return;
  }
  const commands = body as readonly unknown[];
  const chatInputCount = commands.filter((command) => {
    const type = asRecord(command)?.type;
    return type === undefined || type === CommandType.ChatInput;
  }).length;
  if (chatInputCount > LIMITS.chatInputCommandsPerScope) {
    errors.add([], 'APPLICATION_COMMANDS_TOO_MANY', `Must be ${LIMITS.chatInputCommandsPerScope} or fewer chat input commands.`);
  }
  for (const [type, kind] of [[CommandType.User, 'user'], [CommandType.Message, 'message']] as const) {
    const count = commands.filter((command) => asRecord(command)?.type === type).length;
    if (count > LIMITS.contextMenuCommandsPerType) errors.add([], 'APPLICATION_COMMANDS_TOO_MANY', `Must be ${LIMITS.contextMenuCommandsPerType} or fewer ${kind} commands.`);
  }
  const seen = new Set<string>();
  commands.forEach((commandValue, index) => {
    const command = asRecord(commandValue);
    if (command === undefined) {
      errors.add([index], 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
      return;
    }
    const type = command.type ?? CommandType.ChatInput;
    if (typeof type !== 'number' || !COMMAND_TYPES.has(type)) {
      errors.add([index, 'type'], 'BASE_TYPE_CHOICES', 'Value must be one of {1, 2, 3, 4}.');
      return;
    }
    const key = `${type}:${String(command.name)}`;
    if (seen.has(key)) errors.add([index, 'name'], 'APPLICATION_COMMANDS_DUPLICATE_NAME', `Application command names must be unique: "${String(command.name)}"`);
    seen.add(key);
    validateCommand(errors, [index], command, type);
  });
}

function validateCommand(errors: FormErrors, at: Path, command: Readonly<Record<string, unknown>>, type: number): void {
  const chatInput = type === CommandType.ChatInput;
  // User and message commands (context menus) may use capitals and spaces; only chat-input names follow the regex.
  let size = checkLocalizedName(errors, at, command, chatInput);
  if (chatInput) {
    size += checkLocalizedDescription(errors, at, command);
    size += validateOptions(errors, [...at, 'options'], command.options, 0);
  } else {
    if (typeof command.description === 'string' && command.description !== '') {
      errors.add([...at, 'description'], 'APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION', 'Context menu commands cannot have a description');
    }
    if (Array.isArray(command.options) && command.options.length > 0) {
      errors.add([...at, 'options'], 'APPLICATION_COMMAND_OPTIONS_INVALID', 'Context menu commands cannot have options');
    }
  }
  checkEnumSet(errors, [...at, 'integration_types'], command.integration_types, INTEGRATION_TYPES);
  checkEnumSet(errors, [...at, 'contexts'], command.contexts, INTERACTION_CONTEXTS);
  const permissions = command.default_member_permissions;
  if (permissions !== undefined && permissions !== null && (typeof permissions !== 'string' || !/^\d+$/.test(permissions))) {
    errors.add([...at, 'default_member_permissions'], 'BASE_TYPE_STRING', 'Must be a permission bit set as a string of digits.');
  }
  if (size > LIMITS.commandTotalChars) {
    errors.add(at, 'APPLICATION_COMMAND_TOO_LARGE', `Command exceeds maximum size (${LIMITS.commandTotalChars})`);
  }
}

/** `integration_types` and `contexts`: null or a non-empty list of distinct known values. */
function checkEnumSet(errors: FormErrors, at: Path, value: unknown, allowed: ReadonlySet<number>): void {
  if (value === undefined || value === null) return;
  if (!Array.isArray(value)) {
    errors.add(at, 'BASE_TYPE_ARRAY', `Could not interpret "${describe(value)}" as a list.`);
    return;
  }
  if (value.length === 0) errors.add(at, 'BASE_TYPE_BAD_LENGTH', `Must be between 1 and ${allowed.size} in length.`);
  const seen = new Set<unknown>();
  (value as readonly unknown[]).forEach((item, index) => {
    if (typeof item !== 'number' || !allowed.has(item)) errors.add([...at, index], 'ENUM_TYPE_COERCE', `Value "${describe(item)}" is not a valid enum value.`);
    else if (seen.has(item)) errors.add([...at, index], 'SET_TYPE_ALREADY_CONTAINS_VALUE', 'The set already contains this value.');
    seen.add(item);
  });
}

/** Checks a level of options; returns the characters it contributes to the command's 8000-character total. */
function validateOptions(errors: FormErrors, at: Path, value: unknown, depth: number): number {
  const options = checkArray(errors, at, value, LIMITS.commandOptions);
  let size = 0;
  let sawOptional = false;
  const names = new Set<string>();
  options.forEach((optionValue, index) => {
    const optionPath = [...at, index];
    const option = asRecord(optionValue);
    if (option === undefined) {
      errors.add(optionPath, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
      return;
    }
    const type = option.type;
    if (typeof type !== 'number' || type < 1 || type > 11) {
      errors.add([...optionPath, 'type'], 'BASE_TYPE_CHOICES', 'Value must be an application command option type (1–11).');
      return;
    }
    size += checkLocalizedName(errors, optionPath, option, true);
    size += checkLocalizedDescription(errors, optionPath, option);
    if (typeof option.name === 'string') {
      if (names.has(option.name)) errors.add([...optionPath, 'name'], 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS', 'Option names must be unique');
      names.add(option.name);
    }
    if (type === OptionType.Subcommand || type === OptionType.SubcommandGroup) {
      // Subcommands nest one level (two with a group); deeper trees are refused by Discord.
      if (depth >= 2 || (type === OptionType.SubcommandGroup && depth >= 1)) {
        errors.add([...optionPath, 'type'], 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID', 'Subcommands cannot be nested this deep');
      }
      size += validateOptions(errors, [...optionPath, 'options'], option.options, depth + 1);
      return;
    }
    if (option.required === true) {
      if (sawOptional) errors.add([...optionPath, 'required'], 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID', 'Required options must be placed before non-required options');
    } else {
      sawOptional = true;
    }
    const choices = checkArray(errors, [...optionPath, 'choices'], option.choices, LIMITS.optionChoices);
    if (choices.length > 0 && !CHOICE_TYPES.has(type)) {
      errors.add([...optionPath, 'choices'], 'APPLICATION_COMMAND_OPTION_CHOICES_INVALID', 'Only string, integer and number options can have choices');
    }
    if (choices.length > 0 && option.autocomplete === true) {
      errors.add([...optionPath, 'autocomplete'], 'APPLICATION_COMMAND_AUTOCOMPLETE_INVALID', 'Autocomplete cannot be enabled on an option with choices');
    }
    choices.forEach((choice, choiceIndex) => {
      size += validateChoice(errors, [...optionPath, 'choices', choiceIndex], choice);
    });
  });
  return size;
}
