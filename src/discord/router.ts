// Turns discord.js interactions into requests for the Dispatcher and sends its replies: exactly once, within 3 seconds.
import {
  MessageFlags,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type InteractionReplyOptions,
  type InteractionUpdateOptions,
  type ButtonInteraction,
  type StringSelectMenuInteraction,
} from 'discord.js';
import type { Dispatcher, DispatchResult, Outcome } from '../interaction/dispatch.ts';
import type { AttachmentInfo, BotServices, CommandOptions, CommandRequest, MemberInfo } from '../interaction/types.ts';
import { finalizeReply, type FinalReply } from '../format/reply.ts';
import { messages } from '../messages.ts';
import { newReferenceId } from '../interaction/errors.ts';

/** After this long without an answer, a command is acknowledged (deferred) so Discord's 3-second window holds. */
export const AUTO_DEFER_MS = 2000;

/** What the router reports for every interaction it handled: logs and metrics are built on it. */
export interface HandledInteraction {
  readonly id: string;
  readonly type: 'command' | 'component' | 'autocomplete';
  readonly command: string;
  readonly outcome: Outcome | 'failed-reply';
  /** From the moment the router received it to the moment Discord accepted the answer. */
  readonly latencyMs: number;
}

export interface RouterOptions {
  readonly onHandled?: (event: HandledInteraction) => void;
  readonly autoDeferMs?: number;
}

/** Routes interactions of one client. Tracks those in flight so shutdown can wait for them. */
export class InteractionRouter {
  private readonly inFlight = new Set<Promise<void>>();
  /** Messages waiting to be replaced later (Reply.expire); cleared on shutdown. */
  private readonly expiries = new Set<NodeJS.Timeout>();
  private accepting = true;

  constructor(
    private readonly dispatcher: Dispatcher,
    private readonly services: BotServices,
    private readonly options: RouterOptions = {},
  ) {}

  /** The discord.js event listener: never throws, never leaves a promise floating. */
  readonly listener = (interaction: Interaction): void => {
    if (!this.accepting) return;
    const work = this.handle(interaction).catch((error: unknown) => {
      this.services.logger.error({ err: error, interaction: interaction.id }, 'interaction handler crashed');
    });
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  };

  /** Stops taking new interactions and waits (at most `timeoutMs`) for those in flight. */
  async drain(timeoutMs: number): Promise<void> {
    this.accepting = false;
    for (const timer of this.expiries) clearTimeout(timer);
    this.expiries.clear();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    });
    await Promise.race([Promise.allSettled([...this.inFlight]), timeout]);
    clearTimeout(timer);
  }

  get pending(): number {
    return this.inFlight.size;
  }

  async handle(interaction: Interaction): Promise<void> {
    const started = performance.now();
    if (interaction.isAutocomplete()) return this.autocomplete(interaction, started);
    if (interaction.isChatInputCommand()) return this.command(interaction, started);
    if (interaction.isButton() || interaction.isStringSelectMenu()) return this.component(interaction, started);
  }

  private async autocomplete(interaction: AutocompleteInteraction, started: number): Promise<void> {
    const focused = interaction.options.getFocused(true);
    const choices = this.dispatcher.autocomplete({
      ...this.base(interaction),
      commandName: interaction.commandName,
      options: readOptions(interaction),
      focused: { name: focused.name, value: focused.value },
    });
    try {
      await interaction.respond([...choices]);
      this.report(interaction, 'autocomplete', interaction.commandName, 'ok', started);
    } catch (error) {
      this.replyFailed(error, interaction, 'autocomplete', interaction.commandName, started);
    }
  }

  private async command(interaction: ChatInputCommandInteraction, started: number): Promise<void> {
    const name = interaction.commandName;
    const command = this.dispatcher.find(name);
    const pending = this.dispatcher.command({ ...this.base(interaction), commandName: name, options: readOptions(interaction) });
    try {
      if (command?.defer) {
        await interaction.deferReply(command.defer === 'ephemeral' ? { flags: MessageFlags.Ephemeral } : {});
      } else {
        const early = await settleWithin(pending, this.options.autoDeferMs ?? AUTO_DEFER_MS);
        if (early) {
          await interaction.reply(toReplyOptions(early.reply));
          this.report(interaction, 'command', name, early.outcome, started, early.reference);
          this.scheduleExpiry(interaction, early);
          return;
        }
        // Slow for an in-memory answer: acknowledge now, answer when ready.
        await interaction.deferReply();
      }
      const result = await pending;
      await sendAfterDefer(interaction, result.reply);
      this.report(interaction, 'command', name, result.outcome, started, result.reference);
      this.scheduleExpiry(interaction, result);
    } catch (error) {
      this.replyFailed(error, interaction, 'command', name, started);
      await this.apologise(interaction);
    }
  }

  private async component(interaction: ButtonInteraction | StringSelectMenuInteraction, started: number): Promise<void> {
    const pending = this.dispatcher.component({
      ...this.base(interaction),
      customId: interaction.customId,
      values: interaction.isStringSelectMenu() ? interaction.values : [],
    });
    let name = 'unknown';
    try {
      const early = await settleWithin(pending, this.options.autoDeferMs ?? AUTO_DEFER_MS);
      if (early) {
        name = early.command?.data.name ?? name;
        if (early.mode === 'update') await interaction.update(toUpdateOptions(early.reply));
        else await interaction.reply(toReplyOptions(early.reply));
        this.report(interaction, 'component', name, early.outcome, started, early.reference);
        return;
      }
      // A click that starts slow work (confirming an import): acknowledge it, then edit the message when done.
      await interaction.deferUpdate();
      const result = await pending;
      name = result.command?.data.name ?? name;
      if (result.mode === 'update') await interaction.editReply(toUpdateOptions(result.reply));
      else await interaction.followUp(toReplyOptions(result.reply));
      this.report(interaction, 'component', name, result.outcome, started, result.reference);
    } catch (error) {
      this.replyFailed(error, interaction, 'component', name, started);
    }
  }

  /** Replaces a reply later when it asked for it (Reply.expire), within the interaction token's 15 minutes. */
  private scheduleExpiry(interaction: ChatInputCommandInteraction, result: DispatchResult): void {
    const expire = result.expire;
    if (!expire) return;
    const timer = setTimeout(() => {
      this.expiries.delete(timer);
      expire
        .reply()
        .then(async (reply) => {
          if (reply) await interaction.editReply(toUpdateOptions(finalizeReply(reply)));
        })
        .catch((error: unknown) => {
          this.services.logger.warn({ err: error, interaction: interaction.id }, 'could not expire a message');
        });
    }, expire.afterMs);
    timer.unref();
    this.expiries.add(timer);
  }

  private base(interaction: Interaction): Omit<CommandRequest, 'commandName' | 'options'> {
    return {
      user: { id: interaction.user.id, username: interaction.user.username },
      guildId: interaction.guildId ?? undefined,
      member: readMember(interaction),
      snapshot: this.services.live.current,
      services: this.services,
    };
  }

  /** A reply that failed after the handler ran: try once more with a short apology, if Discord still allows it. */
  private async apologise(interaction: ChatInputCommandInteraction): Promise<void> {
    const reference = newReferenceId();
    const apology = finalizeReply({ content: messages.internalError(reference), ephemeral: true });
    try {
      if (interaction.deferred || interaction.replied) await interaction.followUp(toReplyOptions(apology));
      else await interaction.reply(toReplyOptions(apology));
      this.services.logger.warn({ interaction: interaction.id, reference }, 'sent apology after a failed reply');
    } catch {
      // The interaction is gone (expired or already answered): the failure is logged, nothing more can be sent.
    }
  }

  private report(
    interaction: Interaction,
    type: HandledInteraction['type'],
    command: string,
    outcome: HandledInteraction['outcome'],
    started: number,
    reference?: string,
  ): void {
    const latencyMs = performance.now() - started;
    this.services.logger.info(
      { interaction: interaction.id, type, command, outcome, user: interaction.user.id, guild: interaction.guildId, latencyMs: round(latencyMs), reference },
      'interaction handled',
    );
    this.options.onHandled?.({ id: interaction.id, type, command, outcome, latencyMs });
  }

  private replyFailed(error: unknown, interaction: Interaction, type: HandledInteraction['type'], command: string, started: number): void {
    const latencyMs = performance.now() - started;
    this.services.logger.error(
      { err: error, interaction: interaction.id, type, command, user: interaction.user.id, guild: interaction.guildId, latencyMs: round(latencyMs) },
      'reply failed',
    );
    this.options.onHandled?.({ id: interaction.id, type, command, outcome: 'failed-reply', latencyMs });
  }
}

/** Resolves with the value if the promise settles within `ms`, else with undefined (the promise keeps running). */
async function settleWithin<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => {
      resolve(undefined);
    }, ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** After a deferral the visibility is fixed: an ephemeral answer to a public deferral replaces it with a private follow-up. */
async function sendAfterDefer(interaction: ChatInputCommandInteraction, reply: FinalReply): Promise<void> {
  const wantsEphemeral = ((reply.data.flags ?? 0) & MessageFlags.Ephemeral) !== 0;
  const isEphemeral = interaction.ephemeral === true;
  if (wantsEphemeral && !isEphemeral) {
    await interaction.deleteReply();
    await interaction.followUp(toReplyOptions(reply));
    return;
  }
  await interaction.editReply(toUpdateOptions(reply));
}

// The reply data is already Discord's JSON; discord.js only needs it in its option names.
function toReplyOptions(reply: FinalReply): InteractionReplyOptions {
  const { data, files } = reply;
  const ephemeral = ((data.flags ?? 0) & MessageFlags.Ephemeral) !== 0;
  return {
    ...(data.content ? { content: data.content } : {}),
    embeds: data.embeds,
    components: data.components,
    allowedMentions: { parse: [] },
    ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
    ...(files.length > 0 ? { files: files.map((file) => ({ attachment: file.data, name: file.name })) } : {}),
  };
}

function toUpdateOptions(reply: FinalReply): InteractionUpdateOptions {
  const { data, files } = reply;
  return {
    content: data.content ?? '',
    embeds: data.embeds,
    components: data.components,
    allowedMentions: { parse: [] },
    ...(files.length > 0 ? { files: files.map((file) => ({ attachment: file.data, name: file.name })) } : {}),
  };
}

function readMember(interaction: Interaction): MemberInfo | undefined {
  if (!interaction.inGuild()) return undefined;
  const member = interaction.member;
  // Without the members intent the member is often the raw API object, whose roles are a plain id array.
  const roles = Array.isArray(member.roles) ? member.roles : [...member.roles.cache.keys()];
  return { permissions: interaction.memberPermissions.bitfield, roles };
}

function readOptions(interaction: ChatInputCommandInteraction | AutocompleteInteraction): CommandOptions {
  const resolver = interaction.options;
  return {
    subcommand: resolver.getSubcommand(false) ?? undefined,
    string: (name) => {
      try {
        return resolver.getString(name) ?? undefined;
      } catch {
        // An option of another type under that name: treat it as absent rather than failing the command.
        return undefined;
      }
    },
    attachment: (name): AttachmentInfo | undefined => {
      if (interaction.isAutocomplete()) return undefined;
      const attachment = interaction.options.getAttachment(name);
      if (!attachment) return undefined;
      return {
        id: attachment.id,
        filename: attachment.name,
        size: attachment.size,
        url: attachment.url,
        contentType: attachment.contentType ?? undefined,
      };
    },
  };
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
