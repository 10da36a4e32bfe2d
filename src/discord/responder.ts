// How one interaction is answered. The first response goes back through the door the interaction came in by (a REST
// callback for the gateway, the HTTP response for the endpoint); edits and follow-ups go through the interaction's
// webhook, whose token is the credential: no bot token is needed for any of it.
import type { RawFile, REST } from 'discord.js';
import { InteractionResponseType, MessageFlags, Routes, type APIInteractionResponse } from 'discord-api-types/v10';
import type { FinalReply, Modal, ReplyData, ReplyFile } from '../format/reply.ts';
import type { Choice } from '../interaction/types.ts';

/** The first response to an interaction: exactly one, within 3 seconds of its creation. */
export type FirstResponse =
  | { readonly type: 'message'; readonly reply: FinalReply }
  | { readonly type: 'update'; readonly reply: FinalReply }
  | { readonly type: 'defer'; readonly ephemeral: boolean }
  | { readonly type: 'defer-update' }
  | { readonly type: 'choices'; readonly choices: readonly Choice[] }
  | { readonly type: 'modal'; readonly modal: Modal }
  | { readonly type: 'pong' };

/** Answers one interaction; every method rejects when Discord refuses. */
export interface InteractionResponder {
  respond(response: FirstResponse): Promise<void>;
  /** Replaces the original response (after a deferral, or later). Its visibility stays what it was. */
  editOriginal(reply: FinalReply): Promise<void>;
  deleteOriginal(): Promise<void>;
  /** A new message answering the interaction (ephemeral when the reply says so). */
  followUp(reply: FinalReply): Promise<void>;
}

/** A first response as Discord's callback body, and the files sent with it. */
export function callbackOf(response: FirstResponse): { readonly body: APIInteractionResponse; readonly files: readonly ReplyFile[] } {
  switch (response.type) {
    case 'message':
      return { body: { type: InteractionResponseType.ChannelMessageWithSource, data: messageBody(response.reply) }, files: response.reply.files };
    case 'update':
      return { body: { type: InteractionResponseType.UpdateMessage, data: messageBody(response.reply) }, files: response.reply.files };
    case 'defer':
      return { body: { type: InteractionResponseType.DeferredChannelMessageWithSource, data: response.ephemeral ? { flags: MessageFlags.Ephemeral } : {} }, files: [] };
    case 'defer-update':
      return { body: { type: InteractionResponseType.DeferredMessageUpdate }, files: [] };
    case 'choices':
      return { body: { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: [...response.choices] } }, files: [] };
    case 'modal':
      return { body: { type: InteractionResponseType.Modal, data: response.modal }, files: [] };
    case 'pong':
      return { body: { type: InteractionResponseType.Pong }, files: [] };
  }
}

/** A message body; with files, each is declared in `attachments` by its index, as Discord expects. */
function messageBody(reply: FinalReply): ReplyData {
  if (reply.files.length === 0) return reply.data;
  return { ...reply.data, attachments: reply.files.map((file, id) => ({ id, filename: file.name })) };
}

function rawFiles(files: readonly ReplyFile[]): RawFile[] {
  return files.map((file) => ({ name: file.name, data: file.data }));
}

/** Edits and follow-ups through the interaction's webhook; the same for every transport. */
export class InteractionWebhook {
  constructor(
    private readonly rest: REST,
    private readonly applicationId: string,
    private readonly token: string,
  ) {}

  async editOriginal(reply: FinalReply): Promise<void> {
    // Visibility is fixed by the first response: an edit carries no flags.
    const { flags: _flags, ...data } = messageBody(reply);
    await this.rest.patch(Routes.webhookMessage(this.applicationId, this.token, '@original'), {
      body: { ...data, content: data.content ?? '' },
      files: rawFiles(reply.files),
      auth: false,
    });
  }

  async deleteOriginal(): Promise<void> {
    await this.rest.delete(Routes.webhookMessage(this.applicationId, this.token, '@original'), { auth: false });
  }

  async followUp(reply: FinalReply): Promise<void> {
    await this.rest.post(Routes.webhook(this.applicationId, this.token), {
      body: messageBody(reply),
      files: rawFiles(reply.files),
      query: new URLSearchParams({ wait: 'true' }),
      auth: false,
    });
  }
}

/** The gateway's responder: the first response is a REST callback as well. */
export function restResponder(rest: REST, interaction: { readonly id: string; readonly applicationId: string; readonly token: string }): InteractionResponder {
  const webhook = new InteractionWebhook(rest, interaction.applicationId, interaction.token);
  return {
    respond: async (response) => {
      const { body, files } = callbackOf(response);
      await rest.post(Routes.interactionCallback(interaction.id, interaction.token), { body, files: rawFiles(files), auth: false });
    },
    editOriginal: (reply) => webhook.editOriginal(reply),
    deleteOriginal: () => webhook.deleteOriginal(),
    followUp: (reply) => webhook.followUp(reply),
  };
}
