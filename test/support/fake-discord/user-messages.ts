// Messages people post, built the way Discord reports them: mentions parsed from the content, attachments served by the CDN.
import { MessageType, type APIAttachment, type APIMessage, type APIUser } from 'discord-api-types/v10';
import { FormErrors, LIMITS, textLength, validateEmbeds } from './limits.ts';
import { newMessage, userObject } from './payloads.ts';
import type { UserMessageInput } from './reach-types.ts';
import type { FakeUser } from './types.ts';

/** Who posts a user message unless the test names someone: neither the default invoker nor the bot. */
export const DEFAULT_AUTHOR: FakeUser = Object.freeze({ id: '300000000000000003', username: 'poster', globalName: 'Poster' });

export interface UserMessageDeps {
  readonly id: string;
  readonly timestamp: string;
  readonly channelId: string;
  readonly guildId: string | undefined;
  readonly attachments: readonly APIAttachment[];
}

/** A message as Discord would report it; throws when a person could not have posted it (too long, bad embeds). */
export function userMessage(input: UserMessageInput, deps: UserMessageDeps): APIMessage {
  const content = input.content ?? '';
  if (textLength(content) > LIMITS.userMessageContent) {
    throw new Error(`fake-discord: a user message holds at most ${LIMITS.userMessageContent} characters (with Nitro), not ${textLength(content)}`);
  }
  const errors = new FormErrors();
  validateEmbeds(errors, ['embeds'], input.embeds);
  if (!errors.isEmpty) throw new Error(`fake-discord: these embeds could not be on a message: ${JSON.stringify(errors.toJSON())}`);
  const embeds = [...(input.embeds ?? [])];
  if (content.trim() === '' && embeds.length === 0 && deps.attachments.length === 0) throw new Error('fake-discord: a message needs content, an embed or an attachment');

  const author = input.author ?? DEFAULT_AUTHOR;
  const authorObject: APIUser = { ...userObject(author), ...(input.author?.bot === true ? { bot: true } : {}) };
  const known = new Map((input.mentionedUsers ?? []).map((user) => [user.id, user]));
  const userIds = unique([...content.matchAll(/<@!?(\d{15,21})>/g)].map((match) => match[1] ?? ''));
  const roleIds = unique([...content.matchAll(/<@&(\d{15,21})>/g)].map((match) => match[1] ?? ''));
  return {
    ...newMessage({ id: deps.id, channelId: deps.channelId, guildId: deps.guildId, author: authorObject, timestamp: deps.timestamp, type: MessageType.Default }),
    content,
    embeds,
    attachments: [...deps.attachments],
    mentions: userIds.map((id) => userObject(known.get(id) ?? { id })),
    mention_roles: roleIds,
    // Discord sets this only when the author may ping everyone; a test message is written by someone who may.
    mention_everyone: /@(everyone|here)\b/.test(content),
  };
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
