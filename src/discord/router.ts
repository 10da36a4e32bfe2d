// The one router: every transport (gateway, HTTP endpoint) hands it Discord's payload and a responder; it runs the
// dispatcher and answers exactly once within 3 seconds, then edits or follows up. It never throws.
import { InteractionType, type APIInteraction } from 'discord-api-types/v10';
import { EPHEMERAL_FLAG } from '../format/limits.ts';
import { finalizeReply, type FinalReply } from '../format/reply.ts';
import type { Dispatcher, DispatchResult, Outcome } from '../interaction/dispatch.ts';
import { newReferenceId } from '../interaction/errors.ts';
import type { AutocompleteRequest, BotServices, CommandRequest, ComponentRequest, ModalRequest } from '../interaction/types.ts';
import { messages } from '../messages.ts';
import { readInteraction, readMeta, type InteractionMeta } from './payload.ts';
import type { FirstResponse, InteractionResponder } from './responder.ts';

/** After this long without an answer, an interaction is acknowledged (deferred) so Discord's 3-second window holds. */
export const AUTO_DEFER_MS = 2000;

export type InteractionKind = 'command' | 'component' | 'autocomplete' | 'modal';

/** What the router reports for every interaction it handled: logs and metrics are built on it. */
export interface HandledInteraction {
  readonly id: string;
  readonly type: InteractionKind;
  readonly command: string;
  /** `restarting`: it arrived while the bot was stopping and was told to try again; `abandoned`: stopped unfinished. */
  readonly outcome: Outcome | 'failed-reply' | 'restarting' | 'abandoned';
  /** From the moment the router received it to the moment Discord accepted the answer. */
  readonly latencyMs: number;
}

export interface RouterOptions {
  readonly onHandled?: (event: HandledInteraction) => void;
  readonly autoDeferMs?: number;
}

/**
 * One interaction's replies, in the order Discord allows them. Shutdown can abandon it: whatever the handler would
 * still send is then dropped, because the user has already been told.
 */
class Exchange {
  state: 'new' | 'deferred' | 'deferred-update' | 'answered' | 'abandoned' = 'new';
  ephemeralDeferral = false;
  command = 'unknown';
  /** The interaction changes data: an abandoned one tells the moderator to check whether the change went through. */
  changesData = false;

  constructor(
    readonly meta: InteractionMeta,
    readonly kind: InteractionKind,
    readonly responder: InteractionResponder,
  ) {}

  get acknowledged(): boolean {
    return this.state !== 'new';
  }

  async respond(response: FirstResponse): Promise<void> {
    if (this.state === 'abandoned') return;
    await this.responder.respond(response);
    if (response.type === 'defer') {
      this.state = 'deferred';
      this.ephemeralDeferral = response.ephemeral;
    } else {
      this.state = response.type === 'defer-update' ? 'deferred-update' : 'answered';
    }
  }

  async editOriginal(reply: FinalReply): Promise<void> {
    if (this.state === 'abandoned') return;
    await this.responder.editOriginal(reply);
    this.state = 'answered';
  }

  async followUp(reply: FinalReply): Promise<void> {
    if (this.state === 'abandoned') return;
    await this.responder.followUp(reply);
    this.state = 'answered';
  }

  async deleteOriginal(): Promise<void> {
    if (this.state === 'abandoned') return;
    await this.responder.deleteOriginal();
  }

  /** Tells the user that this one will not be finished, in whatever way its state still allows. */
  async abandon(): Promise<void> {
    const state = this.state;
    this.state = 'abandoned';
    const notice = finalizeReply({ content: this.changesData ? messages.restartedDuringChange : messages.restartedBeforeFinishing, ephemeral: true });
    if (state === 'new' && this.kind === 'autocomplete') await this.responder.respond({ type: 'choices', choices: [] });
    else if (state === 'new') await this.responder.respond({ type: 'message', reply: notice });
    else if (state === 'deferred') await this.responder.editOriginal(notice);
    else if (state === 'deferred-update') await this.responder.followUp(notice);
  }
}

/** Routes the interactions of one process. Tracks those in flight so shutdown can finish or answer each of them. */
export class InteractionRouter {
  private readonly inFlight = new Map<Exchange, Promise<void>>();
  /** Messages waiting to be replaced later (Reply.expire); cleared on shutdown. */
  private readonly expiries = new Set<NodeJS.Timeout>();
  private accepting = true;

  constructor(
    private readonly dispatcher: Dispatcher,
    private readonly services: BotServices,
    private readonly options: RouterOptions = {},
  ) {}

  /** Handles one interaction from any transport. Never rejects: failures are logged and, where possible, answered. */
  handle(raw: APIInteraction, responder: InteractionResponder): Promise<void> {
    const started = performance.now();
    const exchange = new Exchange(readMeta(raw), kindOf(raw), responder);
    const work = this.route(raw, exchange, started).catch((error: unknown) => {
      this.services.logger.error({ err: error, interaction: exchange.meta.id }, 'interaction handler crashed');
    });
    this.inFlight.set(exchange, work);
    return work.finally(() => this.inFlight.delete(exchange));
  }

  /**
   * Stops taking interactions (new ones are told to try again in a moment), waits at most `timeoutMs` for those in
   * flight, then answers every one still unfinished so that nobody is left with "thinking…".
   */
  async drain(timeoutMs: number): Promise<void> {
    this.accepting = false;
    for (const timer of this.expiries) clearTimeout(timer);
    this.expiries.clear();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    });
    await Promise.race([Promise.allSettled([...this.inFlight.values()]), timeout]);
    clearTimeout(timer);
    await Promise.all(
      [...this.inFlight.keys()].map(async (exchange) => {
        try {
          await exchange.abandon();
          this.services.logger.warn({ interaction: exchange.meta.id, command: exchange.command }, 'stopped before finishing; the user was told');
        } catch (error) {
          this.services.logger.warn({ err: error, interaction: exchange.meta.id }, 'stopped before finishing; could not tell the user');
        }
      }),
    );
  }

  get pending(): number {
    return this.inFlight.size;
  }

  private async route(raw: APIInteraction, exchange: Exchange, started: number): Promise<void> {
    const incoming = readInteraction(raw, this.services);
    if (incoming.kind === 'ping') return exchange.respond({ type: 'pong' });
    if (incoming.kind === 'unsupported') {
      this.services.logger.debug({ interaction: exchange.meta.id, type: incoming.type }, 'ignored an interaction of a type this bot does not use');
      return;
    }
    if (!this.accepting) return this.refuseWhileStopping(exchange, started);
    switch (incoming.kind) {
      case 'autocomplete':
        return this.autocomplete(incoming.request, exchange, started);
      case 'command':
        return this.command(incoming.request, exchange, started);
      case 'component':
      case 'modal':
        return this.followOn(incoming.request, exchange, started);
    }
  }

  /** Arrived while stopping: a short private "try again", so that nothing is dropped without a word. */
  private async refuseWhileStopping(exchange: Exchange, started: number): Promise<void> {
    try {
      if (exchange.kind === 'autocomplete') await exchange.respond({ type: 'choices', choices: [] });
      else await exchange.respond({ type: 'message', reply: finalizeReply({ content: messages.restarting, ephemeral: true }) });
      this.report(exchange, 'restarting', started);
    } catch (error) {
      this.replyFailed(error, exchange, started);
    }
  }

  private async autocomplete(request: AutocompleteRequest, exchange: Exchange, started: number): Promise<void> {
    exchange.command = request.commandName;
    const choices = request.focused.name === '' ? [] : this.dispatcher.autocomplete(request);
    try {
      await exchange.respond({ type: 'choices', choices });
      this.report(exchange, 'ok', started);
    } catch (error) {
      this.replyFailed(error, exchange, started);
    }
  }

  private async command(request: CommandRequest, exchange: Exchange, started: number): Promise<void> {
    exchange.command = request.commandName;
    const command = this.dispatcher.find(request.commandName);
    exchange.changesData = command?.moderatorOnly === true;
    const pending = this.dispatcher.command(request);
    const defer = typeof command?.defer === 'function' ? command.defer(request) : command?.defer;
    try {
      if (defer) {
        await exchange.respond({ type: 'defer', ephemeral: defer === 'ephemeral' });
      } else {
        const early = await settleWithin(pending, this.options.autoDeferMs ?? AUTO_DEFER_MS);
        if (early) {
          await exchange.respond(early.reply.modal ? { type: 'modal', modal: early.reply.modal } : { type: 'message', reply: early.reply });
          this.finish(exchange, early, started);
          return;
        }
        // Slow for an in-memory answer: acknowledge now, answer when ready.
        await exchange.respond({ type: 'defer', ephemeral: false });
      }
      const result = await pending;
      await this.sendAfterDefer(exchange, result);
      this.finish(exchange, result, started);
    } catch (error) {
      this.replyFailed(error, exchange, started);
      await this.apologise(exchange);
    }
  }

  /** A click or a submitted form: answered by updating the message it came from, or by a new message. */
  private async followOn(request: ComponentRequest | ModalRequest, exchange: Exchange, started: number): Promise<void> {
    const command = this.dispatcher.findByCustomId(request.customId);
    exchange.command = command?.data.name ?? exchange.command;
    exchange.changesData = command?.moderatorOnly === true;
    const pending = 'fields' in request ? this.dispatcher.modal(request) : this.dispatcher.component(request);
    try {
      const early = await settleWithin(pending, this.options.autoDeferMs ?? AUTO_DEFER_MS);
      if (early) {
        await exchange.respond(firstResponseOf(early));
        this.finish(exchange, early, started);
        return;
      }
      // Slow work behind a click or a form (confirming an import): acknowledge it, then answer when done.
      await exchange.respond(exchange.kind === 'modal' ? { type: 'defer', ephemeral: true } : { type: 'defer-update' });
      const result = await pending;
      if (exchange.state === 'deferred' || result.mode === 'update') await exchange.editOriginal(result.reply);
      else await exchange.followUp(result.reply);
      this.finish(exchange, result, started);
    } catch (error) {
      this.replyFailed(error, exchange, started);
    }
  }

  /** After a deferral the visibility is fixed: an ephemeral answer to a public deferral replaces it with a private follow-up. */
  private async sendAfterDefer(exchange: Exchange, result: DispatchResult): Promise<void> {
    if (result.reply.modal) throw new Error(`/${exchange.command} opened a form after its deferral; a form can only be the first response`);
    const wantsEphemeral = result.reply.data.flags === EPHEMERAL_FLAG;
    if (wantsEphemeral && !exchange.ephemeralDeferral) {
      await exchange.deleteOriginal();
      await exchange.followUp(result.reply);
      return;
    }
    await exchange.editOriginal(result.reply);
  }

  private finish(exchange: Exchange, result: DispatchResult, started: number): void {
    if (exchange.state === 'abandoned') return;
    this.report(exchange, result.outcome, started, result.reference);
    this.scheduleExpiry(exchange, result);
  }

  /** Replaces a reply later when it asked for it (Reply.expire), within the interaction token's 15 minutes. */
  private scheduleExpiry(exchange: Exchange, result: DispatchResult): void {
    const expire = result.expire;
    if (!expire || exchange.kind !== 'command') return;
    const timer = setTimeout(() => {
      this.expiries.delete(timer);
      expire
        .reply()
        .then(async (reply) => {
          if (reply) await exchange.responder.editOriginal(finalizeReply(reply));
        })
        .catch((error: unknown) => {
          this.services.logger.warn({ err: error, interaction: exchange.meta.id }, 'could not expire a message');
        });
    }, expire.afterMs);
    timer.unref();
    this.expiries.add(timer);
  }

  /** A reply that failed after the handler ran: try once more with a short apology, if Discord still allows it. */
  private async apologise(exchange: Exchange): Promise<void> {
    const reference = newReferenceId();
    const apology = finalizeReply({ content: messages.internalError(reference), ephemeral: true });
    try {
      if (exchange.acknowledged) await exchange.followUp(apology);
      else await exchange.respond({ type: 'message', reply: apology });
      this.services.logger.warn({ interaction: exchange.meta.id, reference }, 'sent apology after a failed reply');
    } catch {
      // The interaction is gone (expired or already answered): the failure is logged, nothing more can be sent.
    }
  }

  private report(exchange: Exchange, outcome: HandledInteraction['outcome'], started: number, reference?: string): void {
    const latencyMs = performance.now() - started;
    const { meta, kind, command } = exchange;
    this.services.logger.info(
      { interaction: meta.id, type: kind, command, outcome, user: meta.userId, guild: meta.guildId, latencyMs: round(latencyMs), reference },
      'interaction handled',
    );
    this.options.onHandled?.({ id: meta.id, type: kind, command, outcome, latencyMs });
  }

  private replyFailed(error: unknown, exchange: Exchange, started: number): void {
    const latencyMs = performance.now() - started;
    const { meta, kind, command } = exchange;
    this.services.logger.error(
      { err: error, interaction: meta.id, type: kind, command, user: meta.userId, guild: meta.guildId, latencyMs: round(latencyMs) },
      'reply failed',
    );
    this.options.onHandled?.({ id: meta.id, type: kind, command, outcome: 'failed-reply', latencyMs });
  }
}

function kindOf(raw: APIInteraction): InteractionKind {
  switch (raw.type) {
    case InteractionType.MessageComponent:
      return 'component';
    case InteractionType.ApplicationCommandAutocomplete:
      return 'autocomplete';
    case InteractionType.ModalSubmit:
      return 'modal';
    default:
      return 'command';
  }
}

/** The first response for a finished click or form: a form, an update of the message, or a new message. */
function firstResponseOf(result: DispatchResult): FirstResponse {
  if (result.reply.modal) return { type: 'modal', modal: result.reply.modal };
  return result.mode === 'update' ? { type: 'update', reply: result.reply } : { type: 'message', reply: result.reply };
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

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}

