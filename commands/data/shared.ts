// What every /data subcommand needs: the data manager, who is asking, and replies that update the clicked message.
import type { Actor, DataAdmin } from '../../src/admin/admin.ts';
import type { Reply } from '../../src/format/reply.ts';
import { UserError } from '../../src/interaction/errors.ts';
import type { AttachmentInfo, CommandRequest, ComponentRequest, ModalRequest } from '../../src/interaction/types.ts';
import { wordsFor, type Catalogue } from '../../src/messages.ts';

type DataRequest = CommandRequest | ComponentRequest | ModalRequest;

/** The optional upload of the article's own text, for the copy check. */
export const SOURCE_TEXT = 'source_text';

/** Custom ids of /data's buttons and forms: `data:<action>:<token>`. */
export const DATA_ID = 'data';

export function adminOf(request: DataRequest): DataAdmin {
  const admin = request.services.dataAdmin;
  if (!admin) throw new UserError('data-unavailable', wordsOf(request).messages.dataUnavailable);
  return admin;
}

export function actorOf(request: DataRequest): Actor {
  return { id: request.user.id, name: request.user.username, guildId: request.guildId };
}

export function wordsOf(request: DataRequest): Catalogue {
  return wordsFor(request.locale);
}

/** A reply that replaces the clicked message (an update keeps the message's own visibility). */
export function asUpdate(reply: Reply): Reply {
  return { ...reply, ephemeral: false };
}

export function requireFile(request: CommandRequest): AttachmentInfo {
  const file = request.options.attachment('file');
  if (!file) throw new UserError('missing-file', wordsOf(request).messages.missingOption('file'));
  return file;
}
