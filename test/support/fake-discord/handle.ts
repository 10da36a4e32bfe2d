// The handle a test gets for each dispatched interaction: what Discord received for it, and waits for what is to come.
import type { APIMessage, APIModalInteractionResponseCallbackData } from 'discord-api-types/v10';
import type { InteractionRecord, InteractionRegistry } from './interactions.ts';
import type { RecordedDelivery } from './reach-types.ts';
import type { MessageStore } from './store.ts';
import type { InteractionHandle, MessageWaitOptions, RecordedCallback, RecordedRequest, WaitOptions } from './types.ts';
import type { Waiters } from './waiting.ts';

export interface HandleDeps {
  readonly waiters: Waiters;
  readonly store: MessageStore;
  readonly interactions: InteractionRegistry;
  readonly requests: () => readonly RecordedRequest[];
  readonly deliveries: () => readonly RecordedDelivery[];
  readonly waitTimeoutMs: number;
}

/** An InteractionHandle over the fake's records; every read is a fresh snapshot. */
export class DispatchedInteraction implements InteractionHandle {
  readonly id: string;
  readonly token: string;
  readonly type: number;
  readonly shardId: number;
  readonly payload: Readonly<Record<string, unknown>>;

  constructor(
    private readonly record: InteractionRecord,
    private readonly deps: HandleDeps,
  ) {
    this.id = record.id;
    this.token = record.token;
    this.type = record.type;
    this.shardId = record.shardId;
    this.payload = record.payload;
  }

  /** The record behind this handle (used by the fake to click buttons on the right message as the right user). */
  get interaction(): InteractionRecord {
    return this.record;
  }

  callback(options: WaitOptions = {}): Promise<RecordedCallback> {
    return this.deps.waiters.until(
      () => this.callbacks[0],
      options.timeoutMs ?? this.deps.waitTimeoutMs,
      () => `a callback for interaction ${this.describe()}; the bot made ${this.requests.length} request(s) with its token`,
    );
  }

  message(options: MessageWaitOptions = {}): Promise<APIMessage> {
    const { until } = options;
    return this.deps.waiters.until(
      () => {
        const message = this.currentMessage();
        return message !== undefined && (until === undefined || until(message)) ? message : undefined;
      },
      options.timeoutMs ?? this.deps.waitTimeoutMs,
      () => {
        const message = this.currentMessage();
        const state = message === undefined ? `no original response yet (callbacks: ${this.describeCallbacks()})` : `it is now ${JSON.stringify(summary(message))}`;
        return `the original response of interaction ${this.describe()}${until ? ' to satisfy the condition' : ''}; ${state}`;
      },
    );
  }

  get followUps(): readonly APIMessage[] {
    return this.record.followUpIds.flatMap((id) => {
      const message = this.deps.store.get(id);
      return message ? [message] : [];
    });
  }

  waitForFollowUps(count: number, options: WaitOptions = {}): Promise<readonly APIMessage[]> {
    return this.deps.waiters.until(
      () => (this.followUps.length >= count ? this.followUps : undefined),
      options.timeoutMs ?? this.deps.waitTimeoutMs,
      () => `${count} follow-up(s) of interaction ${this.describe()}; there are ${this.followUps.length}`,
    );
  }

  get requests(): readonly RecordedRequest[] {
    return this.deps.requests().filter((request) => request.interactionId === this.id);
  }

  get callbacks(): readonly RecordedCallback[] {
    return this.deps.interactions.callbacksOf(this.id);
  }

  waitForRequest(predicate: (request: RecordedRequest) => boolean, options: WaitOptions = {}): Promise<RecordedRequest> {
    return this.deps.waiters.until(
      () => this.requests.find(predicate),
      options.timeoutMs ?? this.deps.waitTimeoutMs,
      () => `a matching request for interaction ${this.describe()}; requests so far: ${this.requests.map((r) => `${r.method} ${r.path} → ${r.status}`).join(', ') || 'none'}`,
    );
  }

  modal(options: WaitOptions = {}): Promise<APIModalInteractionResponseCallbackData> {
    return this.deps.waiters.until(
      // Accepted by the validator, so the recorded data has the modal's shape.
      () => this.record.shownModal as APIModalInteractionResponseCallbackData | undefined,
      options.timeoutMs ?? this.deps.waitTimeoutMs,
      () => `a modal (callback type 9) for interaction ${this.describe()}; callbacks so far: ${this.describeCallbacks()}`,
    );
  }

  delivery(options: WaitOptions = {}): Promise<RecordedDelivery> {
    return this.deps.waiters.until(
      () => this.deps.deliveries().find((delivery) => delivery.interactionId === this.id),
      options.timeoutMs ?? this.deps.waitTimeoutMs,
      () => `the HTTP delivery of interaction ${this.describe()}${this.record.deliveredTo === undefined ? ' (it went over the gateway)' : ` to ${this.record.deliveredTo}`}`,
    );
  }

  private currentMessage(): APIMessage | undefined {
    const id = this.record.originalMessageId;
    return id === undefined ? undefined : this.deps.store.get(id);
  }

  private describe(): string {
    return `${this.id} (${this.record.label})`;
  }

  private describeCallbacks(): string {
    const callbacks = this.callbacks;
    return callbacks.length === 0 ? 'none' : callbacks.map((c) => `type ${String(c.type)} → ${c.status}${c.error ? ` ${c.error.code} ${c.error.message}` : ''}`).join(', ');
  }
}

function summary(message: APIMessage): Readonly<Record<string, unknown>> {
  return { content: message.content, embeds: message.embeds.length, components: message.components?.length ?? 0, flags: message.flags };
}
