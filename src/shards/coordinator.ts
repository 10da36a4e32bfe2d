// In each shard process: asks every shard through the manager, and answers the manager's requests from this shard's data.
import { randomUUID } from 'node:crypto';
import type { ShardCoordinator, ShardVersion } from '../admin/admin.ts';
import type { Logger } from '../logger.ts';
import { isShardMessage, type ShardFailedMessage, type ShardHealth, type ShardRequest } from './protocol.ts';

/** This shard's side of a request: answers with the version it serves afterwards. */
export type RequestHandler = (request: ShardRequest) => Promise<string>;

/**
 * Tells the manager that this shard cannot run and why (one line, which the manager prints). Resolves false when there
 * is no manager to tell, so the caller prints the line itself.
 */
export function reportShardFailure(line: string): Promise<boolean> {
  const message: ShardFailedMessage = { newsdesk: 'failed', id: randomUUID(), line };
  return new Promise((resolve) => {
    if (!process.send || !process.connected) {
      resolve(false);
      return;
    }
    process.send(message, (error: Error | null) => {
      resolve(error === null);
    });
  });
}

const ANSWER_TIMEOUT_MS = 90_000;

/** A ShardCoordinator over the IPC channel discord.js's ShardingManager opened to this process. */
export class IpcShardCoordinator implements ShardCoordinator {
  private readonly waiting = new Map<string, (shards: readonly ShardVersion[]) => void>();
  private handler: RequestHandler | undefined;
  private health: (() => Promise<ShardHealth>) | undefined;

  constructor(
    private readonly shardIds: readonly number[],
    private readonly logger: Logger,
  ) {
    process.on('message', this.onMessage);
  }

  /** Who answers requests on this shard (the DataAdmin, once it exists). */
  handle(handler: RequestHandler): void {
    this.handler = handler;
  }

  /** Who reports this shard's health and metrics to the manager. */
  reportHealth(health: () => Promise<ShardHealth>): void {
    this.health = health;
  }

  adopt(version: string): Promise<readonly ShardVersion[]> {
    return this.broadcast({ type: 'adopt', version });
  }

  versions(): Promise<readonly ShardVersion[]> {
    return this.broadcast({ type: 'version' });
  }

  /** Stops listening (the process is shutting down). */
  close(): void {
    process.off('message', this.onMessage);
    for (const resolve of this.waiting.values()) resolve([]);
    this.waiting.clear();
  }

  private broadcast(request: ShardRequest): Promise<readonly ShardVersion[]> {
    const id = randomUUID();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        this.logger.warn({ request: request.type }, 'the shard manager did not answer in time');
        resolve([]);
      }, ANSWER_TIMEOUT_MS);
      timer.unref();
      this.waiting.set(id, (shards) => {
        clearTimeout(timer);
        resolve(shards);
      });
      process.send?.({ newsdesk: 'broadcast', id, request });
    });
  }

  private readonly onMessage = (message: unknown): void => {
    if (!isShardMessage(message)) return;
    if (message.newsdesk === 'collected') {
      const resolve = this.waiting.get(message.id);
      this.waiting.delete(message.id);
      resolve?.(message.shards);
      return;
    }
    if (message.newsdesk === 'health' && this.health) {
      const { id } = message;
      this.health().then(
        (health) => process.send?.({ newsdesk: 'health-report', id, health }),
        (error: unknown) => {
          this.logger.error({ err: error }, 'could not report health to the shard manager');
        },
      );
      return;
    }
    if (message.newsdesk !== 'request' || !this.handler) return;
    const { id, request } = message;
    this.handler(request).then(
      (version) => {
        // One process may run several shards; each answers for itself.
        for (const shard of this.shardIds) process.send?.({ newsdesk: 'response', id, shard, version });
      },
      (error: unknown) => {
        this.logger.error({ err: error, request: request.type }, 'could not answer a shard request');
      },
    );
  };
}
