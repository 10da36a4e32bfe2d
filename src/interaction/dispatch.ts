// Runs commands, clicks and autocomplete for any front end (Discord or terminal) and decides how failures are shown.
import type { Logger } from 'pino';
import { finalizeReply, type FinalReply, type Reply } from '../format/reply.ts';
import { messages } from '../messages.ts';
import { commandOfCustomId } from './custom-id.ts';
import { Cooldowns } from './cooldown.ts';
import { newReferenceId, UserError } from './errors.ts';
import { isDataHome, isModerator } from './permissions.ts';
import type { AutocompleteRequest, BotServices, Choice, Command, CommandRequest, ComponentRequest, ModalRequest } from './types.ts';

/** How an interaction ended, for logs and metrics: an answer, an ephemeral notice (no match, not allowed…), a cooldown, a bug. */
export type Outcome = 'ok' | 'notice' | 'cooldown' | 'error';

export interface DispatchResult {
  readonly reply: FinalReply;
  readonly outcome: Outcome;
  /** For clicks: replace the clicked message ('update') or answer with a new message ('reply'). */
  readonly mode: 'reply' | 'update';
  /** Set when the failure was a bug: the id the user was shown and the log carries. */
  readonly reference?: string;
  /** The command that handled it, when one was found. */
  readonly command?: Command;
  /** Carried over from the reply: replace the message later (see Reply.expire). */
  readonly expire?: Reply['expire'];
}

/** The shared path from a request to a reply. One instance serves a whole process. */
export class Dispatcher {
  private readonly cooldowns: Cooldowns;

  constructor(
    private readonly services: BotServices,
    options: { readonly now?: () => number } = {},
  ) {
    this.cooldowns = new Cooldowns(services.config.cooldownSeconds, options.now);
  }

  /** Finds a command by name among the ones this bot serves. */
  find(name: string): Command | undefined {
    return this.services.commands.find((command) => command.data.name === name);
  }

  /** The command whose buttons or form these are. */
  findByCustomId(customId: string): Command | undefined {
    const name = commandOfCustomId(customId);
    return this.services.commands.find((command) => (command.customIdName ?? command.data.name) === name);
  }

  async command(request: CommandRequest): Promise<DispatchResult> {
    const command = this.find(request.commandName);
    if (!command) return this.userFailure(messages.unknownCommand(request.commandName), 'reply');
    const refusal = await this.refusal(command, request);
    if (refusal) return refusal;
    if (command.cooldown && !request.trusted && !isModerator(request, this.services.config)) {
      const wait = this.cooldowns.take(request.user.id);
      if (wait > 0) return { ...this.userFailure(messages.cooldown(wait), 'reply'), outcome: 'cooldown', command };
    }
    return this.run(command, 'reply', request.services.logger, () => command.execute(request));
  }

  /** A click goes to the command its custom_id names and updates the clicked message (unless its answer is private). */
  component(request: ComponentRequest): Promise<DispatchResult> {
    return this.followOn(request, request.services.logger, (command) => command.component, messages.staleButton, 'update');
  }

  /** A submitted form, the same way. A form opened by a slash command has no message to update: it answers anew. */
  modal(request: ModalRequest): Promise<DispatchResult> {
    return this.followOn(request, request.services.logger, (command) => command.modal, messages.staleForm, 'reply');
  }

  private async followOn<R extends ComponentRequest | ModalRequest>(
    request: R,
    logger: Logger,
    handlerOf: (command: Command) => ((request: R) => Reply | Promise<Reply>) | undefined,
    stale: string,
    mode: DispatchResult['mode'],
  ): Promise<DispatchResult> {
    const command = this.findByCustomId(request.customId);
    const handler = command && handlerOf(command);
    if (!command || !handler) return this.userFailure(stale, 'reply');
    const refusal = await this.refusal(command, request);
    if (refusal) return refusal;
    return this.run(command, mode, logger, () => handler(request));
  }

  /** Autocomplete never throws and never fails to answer: on any problem it offers no choices. */
  autocomplete(request: AutocompleteRequest): readonly Choice[] {
    const command = this.find(request.commandName);
    if (!command?.autocomplete) return [];
    if (command.moderatorOnly && !request.trusted && !isModerator(request, this.services.config)) return [];
    try {
      return command.autocomplete(request);
    } catch (error) {
      request.services.logger.error({ err: error, command: request.commandName, query: request.focused.value }, 'autocomplete failed');
      return [];
    }
  }

  private async run(command: Command, mode: 'reply' | 'update', logger: Logger, work: () => Reply | Promise<Reply>): Promise<DispatchResult> {
    try {
      const reply = await work();
      const outcome: Outcome = reply.ephemeral && !reply.embeds?.length ? 'notice' : 'ok';
      return { reply: finalizeReply(reply), outcome, mode: reply.ephemeral || reply.newMessage ? 'reply' : mode, command, expire: reply.expire };
    } catch (error) {
      if (error instanceof UserError) return { ...this.userFailure(error.message, 'reply'), command };
      const reference = newReferenceId();
      logger.error({ err: error, reference, command: command.data.name }, 'command failed');
      return { reply: finalizeReply({ content: messages.internalError(reference), ephemeral: true }), outcome: 'error', mode: 'reply', reference, command };
    }
  }

  /** Server-only and moderator-only commands refuse everyone else here, for commands and their buttons alike. */
  private async refusal(command: Command, request: CommandRequest | ComponentRequest | ModalRequest): Promise<DispatchResult | undefined> {
    if (request.trusted) return undefined;
    const { config } = this.services;
    if (command.moderatorOnly && !isModerator(request, config)) {
      // Outside the data's home the answer says where data is managed; inside it, who may manage it.
      // Through a user install even a home server is "elsewhere": moderation goes through the server's own install.
      const home = isDataHome(request.guildId, config) && request.guildInstall === true;
      const answer = home ? messages.notModerator : config.dataGuildIds.length > 0 ? messages.dataManagedElsewhere : messages.dataManagementOff;
      const what = 'commandName' in request ? `/${request.commandName} ${request.options.subcommand ?? ''}`.trim() : `${'fields' in request ? 'form' : 'button'} ${request.customId}`;
      this.services.logger.warn({ user: request.user.id, guild: request.guildId, attempt: what, home }, 'refused: not a moderator of the data');
      await this.services.dataAdmin?.refused({ id: request.user.id, name: request.user.username, guildId: request.guildId }, what);
      return { ...this.userFailure(answer, 'reply'), command };
    }
    if (command.guildOnly && request.guildId === undefined) return { ...this.userFailure(messages.guildOnly, 'reply'), command };
    return undefined;
  }

  private userFailure(message: string, mode: 'reply' | 'update'): DispatchResult {
    return { reply: finalizeReply({ content: message, ephemeral: true }), outcome: 'notice', mode };
  }
}
