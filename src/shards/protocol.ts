// The messages shards and their manager exchange over IPC to keep every shard on the same data version.
import type { ShardVersion } from '../admin/admin.ts';

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

export type ShardMessage = BroadcastMessage | RequestMessage | ResponseMessage | CollectedMessage;

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
