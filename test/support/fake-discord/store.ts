// In-memory state of the fake: messages built from payloads (with their files), downloadable attachments, commands.
import {
  ApplicationCommandType,
  type APIActionRowComponent,
  type APIApplicationCommand,
  type APIApplicationCommandOption,
  type APIAttachment,
  type APIEmbed,
  type APIMessage,
  type APIMessageTopLevelComponent,
} from 'discord-api-types/v10';
import type { FakeClock, SnowflakeFactory } from './clock.ts';
import { DiscordErrors, DiscordHttpError } from './http.ts';
import { FormErrors, LIMITS, MessageFlag, asRecord, validateCommands, validateMessagePayload, type MessageWrite } from './limits.ts';
import { attachmentObject, messageFlags } from './payloads.ts';
import type { RecordedFile } from './types.ts';

export interface StoredFile {
  readonly filename: string;
  readonly contentType: string;
  readonly content: Buffer;
}

export interface StoreDeps {
  readonly clock: FakeClock;
  readonly ids: SnowflakeFactory;
  /** Base URL attachments are served under, e.g. http://127.0.0.1:1234/cdn. */
  readonly cdnUrl: () => string;
}

type Path = readonly (string | number)[];

/** Messages by id, per-channel history, and the bytes behind every attachment. */
export class MessageStore {
  private readonly messages = new Map<string, { message: APIMessage; deleted: boolean }>();
  private readonly byChannel = new Map<string, string[]>();
  private readonly files = new Map<string, StoredFile>();

  constructor(private readonly deps: StoreDeps) {}

  /** Stores bytes and returns an attachment object whose url serves them. */
  addFile(channelId: string, filename: string, content: Buffer, contentType: string, description?: string): APIAttachment {
    const id = this.deps.ids.next();
    this.files.set(id, { filename, contentType, content });
    const url = `${this.deps.cdnUrl()}/attachments/${channelId}/${id}/${encodeURIComponent(filename)}`;
    return attachmentObject({ id, filename, size: content.length, contentType, url, ...(description === undefined ? {} : { description }) });
  }

  /** The bytes of an attachment, if the fake stored it. */
  file(attachmentId: string): StoredFile | undefined {
    return this.files.get(attachmentId);
  }

  /** The current state of a message (a copy), unless unknown or deleted. */
  get(id: string): APIMessage | undefined {
    const entry = this.messages.get(id);
    return entry && !entry.deleted ? structuredClone(entry.message) : undefined;
  }

  /** Makes a message the fake did not create itself (e.g. passed to sendComponent) known, so it can be updated. */
  adopt(message: APIMessage): void {
    if (!this.messages.has(message.id)) this.put(structuredClone(message));
  }

  /** Validates a payload like Discord and stores the message it creates from `skeleton`. */
  create(skeleton: APIMessage, body: unknown, files: readonly RecordedFile[], write: MessageWrite, errorPath: Path = []): APIMessage {
    const payload = requireObject(body, errorPath);
    const message = this.apply(skeleton, payload, files, write, errorPath, false);
    this.put(message);
    return structuredClone(message);
  }

  /** Stores an already-built message (the "thinking…" message of a deferred response). */
  createRaw(message: APIMessage): APIMessage {
    this.put(structuredClone(message));
    return structuredClone(message);
  }

  /** Validates an edit like Discord and applies it to a stored message. */
  edit(id: string, body: unknown, files: readonly RecordedFile[], errorPath: Path = []): APIMessage {
    const entry = this.messages.get(id);
    if (!entry || entry.deleted) throw DiscordErrors.unknownMessage();
    const payload = requireObject(body, errorPath);
    const message = this.apply(entry.message, payload, files, 'edit', errorPath, true);
    entry.message = message;
    return structuredClone(message);
  }

  /** Marks a message deleted; later reads answer 10008. */
  delete(id: string): void {
    const entry = this.messages.get(id);
    if (!entry || entry.deleted) throw DiscordErrors.unknownMessage();
    entry.deleted = true;
  }

  /** Every live message of a channel, oldest first. */
  channelMessages(channelId: string): APIMessage[] {
    return (this.byChannel.get(channelId) ?? []).flatMap((id) => {
      const message = this.get(id);
      return message ? [message] : [];
    });
  }

  private put(message: APIMessage): void {
    this.messages.set(message.id, { message, deleted: false });
    const history = this.byChannel.get(message.channel_id) ?? [];
    history.push(message.id);
    this.byChannel.set(message.channel_id, history);
  }

  private apply(base: APIMessage, body: Readonly<Record<string, unknown>>, files: readonly RecordedFile[], write: MessageWrite, errorPath: Path, editing: boolean): APIMessage {
    const errors = new FormErrors();
    validateMessagePayload(errors, errorPath, body, write);
    if (!errors.isEmpty) throw DiscordErrors.invalidForm(errors.toJSON());
    checkFiles(files);

    const next = structuredClone(base);
    // Shapes below were checked by validateMessagePayload, which is what makes these casts honest.
    if ('content' in body) next.content = typeof body.content === 'string' ? body.content : '';
    if ('embeds' in body) next.embeds = Array.isArray(body.embeds) ? (body.embeds as APIEmbed[]) : [];
    if ('components' in body) {
      next.components = Array.isArray(body.components) ? (body.components as (APIActionRowComponent<never> | APIMessageTopLevelComponent)[]) : [];
    }
    if (body.poll !== undefined && body.poll !== null) Object.assign(next, { poll: body.poll });
    next.attachments = this.resolveAttachments(base, body, files, errorPath);

    const requested = typeof body.flags === 'number' ? body.flags : undefined;
    const baseFlags = base.flags ?? 0;
    if (editing) {
      // Ephemerality is fixed at creation; an edit only toggles embeds suppression / v2, and ends the loading state.
      const toggles = MessageFlag.SuppressEmbeds | MessageFlag.IsComponentsV2;
      const kept = baseFlags & ~MessageFlag.Loading & ~toggles;
      next.flags = messageFlags(kept | ((requested ?? baseFlags) & toggles));
      if ((baseFlags & MessageFlag.Loading) === 0) next.edited_timestamp = this.deps.clock.isoNow();
    } else {
      next.flags = messageFlags(baseFlags | (requested ?? 0));
    }

    const empty = next.content.trim() === '' && next.embeds.length === 0 && (next.components ?? []).length === 0 && next.attachments.length === 0 && !('poll' in next);
    if (empty) throw DiscordErrors.emptyMessage();
    return next;
  }

  /** `attachments` entries name either a new `files[n]` (id "n") or an attachment the message already has. */
  private resolveAttachments(base: APIMessage, body: Readonly<Record<string, unknown>>, files: readonly RecordedFile[], errorPath: Path): APIAttachment[] {
    const byIndex = new Map<string, RecordedFile>();
    files.forEach((file, order) => {
      const index = /^files\[(\d+)\]$/.exec(file.field)?.[1] ?? String(order);
      byIndex.set(index, file);
    });
    const upload = (file: RecordedFile, filename?: unknown, description?: unknown): APIAttachment =>
      this.addFile(base.channel_id, typeof filename === 'string' ? filename : file.filename, file.content, file.contentType, typeof description === 'string' ? description : undefined);

    if (!Array.isArray(body.attachments)) return [...base.attachments, ...files.map((file) => upload(file))];

    const errors = new FormErrors();
    const used = new Set<string>();
    const result: APIAttachment[] = [];
    (body.attachments as readonly unknown[]).forEach((entryValue, index) => {
      const entry = asRecord(entryValue);
      const id = entry?.id;
      const key = typeof id === 'string' || typeof id === 'number' ? String(id) : '';
      const file = byIndex.get(key);
      const existing = base.attachments.find((attachment) => attachment.id === key);
      if (file) {
        used.add(key);
        result.push(upload(file, entry?.filename, entry?.description));
      } else if (existing) {
        result.push(existing);
      } else {
        errors.add([...errorPath, 'attachments', index, 'id'], 'ATTACHMENT_NOT_FOUND', `No file "files[${key}]" was uploaded and the message has no attachment ${key}`);
      }
    });
    if (!errors.isEmpty) throw DiscordErrors.invalidForm(errors.toJSON());
    for (const [key, file] of byIndex) if (!used.has(key)) result.push(upload(file));
    if (result.length > LIMITS.filesPerMessage) {
      const tooMany = new FormErrors();
      tooMany.add([...errorPath, 'attachments'], 'BASE_TYPE_MAX_LENGTH', `Must be ${LIMITS.filesPerMessage} or fewer in length.`);
      throw DiscordErrors.invalidForm(tooMany.toJSON());
    }
    return result;
  }
}

function requireObject(body: unknown, errorPath: Path): Readonly<Record<string, unknown>> {
  const record = asRecord(body);
  if (record) return record;
  const errors = new FormErrors();
  errors.add(errorPath, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
  throw DiscordErrors.invalidForm(errors.toJSON());
}

function checkFiles(files: readonly RecordedFile[]): void {
  if (files.some((file) => file.content.length > LIMITS.fileBytes)) throw DiscordErrors.tooLarge();
}

const COMMAND_TYPES: ReadonlyMap<number, ApplicationCommandType> = new Map([
  [1, ApplicationCommandType.ChatInput],
  [2, ApplicationCommandType.User],
  [3, ApplicationCommandType.Message],
  [4, ApplicationCommandType.PrimaryEntryPoint],
]);

/** Registered application commands, globally and per guild. */
export class CommandStore {
  private readonly scopes = new Map<string, APIApplicationCommand[]>();

  constructor(
    private readonly ids: SnowflakeFactory,
    private readonly applicationId: string,
  ) {}

  /** A bulk overwrite: validates like Discord, keeps ids of commands that keep their name, returns the new list. */
  overwrite(guildId: string | undefined, body: unknown): APIApplicationCommand[] {
    const errors = new FormErrors();
    validateCommands(errors, body);
    if (!errors.isEmpty) throw DiscordErrors.invalidForm(errors.toJSON());
    if (!Array.isArray(body)) throw new DiscordHttpError(400, { message: 'Expected a list of commands', code: 50035 });
    const previous = this.list(guildId);
    const commands: APIApplicationCommand[] = (body as readonly unknown[]).map((value) => {
      const input = asRecord(value) ?? {};
      const type = COMMAND_TYPES.get(typeof input.type === 'number' ? input.type : 1) ?? ApplicationCommandType.ChatInput;
      const name = String(input.name);
      const kept = previous.find((command) => command.name === name && command.type === type);
      const command = {
        id: kept?.id ?? this.ids.next(),
        application_id: this.applicationId,
        version: this.ids.next(),
        type,
        name,
        description: typeof input.description === 'string' ? input.description : '',
        default_member_permissions: typeof input.default_member_permissions === 'string' ? input.default_member_permissions : null,
        nsfw: input.nsfw === true,
        ...(guildId === undefined ? {} : { guild_id: guildId }),
        ...(Array.isArray(input.options) ? { options: input.options as APIApplicationCommandOption[] } : {}),
        ...(input.name_localizations === undefined ? {} : { name_localizations: input.name_localizations }),
        ...(input.description_localizations === undefined ? {} : { description_localizations: input.description_localizations }),
        ...(Array.isArray(input.contexts) ? { contexts: input.contexts } : {}),
        ...(Array.isArray(input.integration_types) ? { integration_types: input.integration_types } : {}),
      };
      return command;
    });
    this.scopes.set(guildId ?? 'global', commands);
    return structuredClone(commands);
  }

  /** Commands of one scope: global when `guildId` is undefined. */
  list(guildId?: string): APIApplicationCommand[] {
    return structuredClone(this.scopes.get(guildId ?? 'global') ?? []);
  }

  /** The command of this type a user would invoke by this name in this guild (guild commands shadow global ones). */
  find(name: string, guildId: string | undefined, type: ApplicationCommandType = ApplicationCommandType.ChatInput): APIApplicationCommand | undefined {
    const matches = (command: APIApplicationCommand): boolean => command.name === name && command.type === type;
    const inGuild = guildId === undefined ? undefined : this.scopes.get(guildId)?.find(matches);
    return inGuild ?? this.scopes.get('global')?.find(matches);
  }
}
