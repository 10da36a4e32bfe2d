// The messages shards and their manager exchange over IPC: one data version for all, health and metrics, failures.
import type { MetricObjectWithValues, MetricValue } from 'prom-client';
import type { ShardVersion } from '../admin/admin.ts';
import type { GatewayStatus } from '../discord/health.ts';

/** What a shard can ask of every shard. */
export type ShardRequest = { readonly type: 'adopt'; readonly version: string } | { readonly type: 'version' };

/** Shard → manager: ask every shard and send me their answers. */
export interface BroadcastMessage {
  readonly newsdesk: 'broadcast';
  readonly id: string;
  readonly request: ShardRequest;
}

/** Manager → each shard: answer this. */
export interface RequestMessage {
  readonly newsdesk: 'request';
  readonly id: string;
  readonly request: ShardRequest;
}

/** Shard → manager: my answer. */
export interface ResponseMessage {
  readonly newsdesk: 'response';
  readonly id: string;
  readonly shard: number;
  readonly version: string;
}

/** Manager → the asking shard: every shard's answer (a shard that did not answer in time is left out). */
export interface CollectedMessage {
  readonly newsdesk: 'collected';
  readonly id: string;
  readonly shards: readonly ShardVersion[];
}

/** Manager → each shard: how are you? (for /healthz and /metrics, which only the manager serves). */
export interface HealthRequestMessage {
  readonly newsdesk: 'health';
  readonly id: string;
}

/** What a shard process reports about itself. */
export interface ShardHealth {
  readonly shards: readonly number[];
  readonly gateway: GatewayStatus;
  /** The data version it serves. */
  readonly dataset: string;
  /** Its metrics as prom-client JSON, each series labelled with its shard. */
  readonly metrics: readonly MetricObjectWithValues<MetricValue<string>>[];
}

/** Shard → manager: the answer to a HealthRequestMessage. */
export interface HealthReportMessage {
  readonly newsdesk: 'health-report';
  readonly id: string;
  readonly health: ShardHealth;
}

/**
 * Shard → manager: this shard cannot run, with the one line that says why (a start-up failure or a fatal gateway
 * close). The manager prints it, stops every shard and exits non-zero instead of respawning into the same failure.
 */
export interface ShardFailedMessage {
  readonly newsdesk: 'failed';
  readonly id: string;
  readonly line: string;
}

export type ShardMessage =
  | BroadcastMessage
  | RequestMessage
  | ResponseMessage
  | CollectedMessage
  | HealthRequestMessage
  | HealthReportMessage
  | ShardFailedMessage;

/** Recognises our messages among discord.js's own on the same channel. */
export function isShardMessage(message: unknown): message is ShardMessage {
  return (
    typeof message === 'object' &&
    message !== null &&
    'newsdesk' in message &&
    typeof message.newsdesk === 'string' &&
    'id' in message &&
    typeof message.id === 'string'
  );
}
