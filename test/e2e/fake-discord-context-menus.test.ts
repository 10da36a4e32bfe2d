// The fake Discord for context-menu commands (Apps → on a message or a user) and the messages they run on.
import { ApplicationCommandType, ContextMenuCommandBuilder, MessageFlags, MessageType, Routes } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { Context, LIMITS } from '../support/fake-discord/index.ts';
import { fakeDiscordSuite, onNextInteraction, value } from './fake-discord-client.ts';

const { startFake, startClient, startRest } = fakeDiscordSuite();

const MENTIONED = { id: '300000000000000011', username: 'mentioned' };
const ROLE_ID = '500000000000000011';

describe('fake Discord: context-menu commands', () => {
  it('given message and user commands, then names with capitals and spaces pass, and descriptions, options and long names are refused', async () => {
    const discord = await startFake();
    const rest = startRest(discord);
    const route = Routes.applicationCommands(discord.applicationId);
    const attempt = (body: unknown) => rest.put(route, { body }).then(() => 'accepted', (error: unknown) => (error as { rawError?: unknown }).rawError);
    const menu = (name: string, extra: object = {}) => ({ type: ApplicationCommandType.Message, name, ...extra });

    expect(await attempt([menu('Find in the news', { description: 'looks things up' })])).toMatchObject({ errors: { '0': { description: { _errors: [{ code: 'APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION' }] } } } });
    expect(await attempt([menu('Find in the news', { options: [{ type: 3, name: 'q', description: 'd' }] })])).toMatchObject({ errors: { '0': { options: { _errors: [{ code: 'APPLICATION_COMMAND_OPTIONS_INVALID' }] } } } });
    expect(await attempt([menu('F'.repeat(LIMITS.commandName + 1))])).toMatchObject({ errors: { '0': { name: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } } });
    const sixteen = Array.from({ length: LIMITS.contextMenuCommandsPerType + 1 }, (_, index) => menu(`Menu ${index}`));
    expect(await attempt(sixteen)).toMatchObject({ errors: { _errors: [{ code: 'APPLICATION_COMMANDS_TOO_MANY' }] } });
    const findInNews = new ContextMenuCommandBuilder().setName('Find in the news').setType(ApplicationCommandType.Message).setNameLocalization('ru', 'Найти в новостях');
    const body = [findInNews.toJSON(), { type: ApplicationCommandType.User, name: 'quote', description: '' }, { name: 'quote', description: 'the same name as a user command' }];
    expect(await attempt(body)).toBe('accepted');

    expect(discord.registeredCommands().map((command) => [command.type, command.name, command.description])).toEqual([
      [ApplicationCommandType.Message, 'Find in the news', ''],
      [ApplicationCommandType.User, 'quote', ''],
      [ApplicationCommandType.ChatInput, 'quote', 'the same name as a user command'],
    ]);
  });

  it('given a message command on a user message full of mentions, then discord.js resolves the target and the reply names it', async () => {
    const discord = await startFake();
    const rest = startRest(discord);
    await rest.put(Routes.applicationCommands(discord.applicationId), { body: [{ type: ApplicationCommandType.Message, name: 'Find in the news' }] });
    const client = await startClient(discord);
    const target = discord.userMessage({ content: `@everyone <@${MENTIONED.id}> and <@!${MENTIONED.id}> and <@&${ROLE_ID}> read this`, mentionedUsers: [MENTIONED] });
    const seen = onNextInteraction(client, async (interaction) => {
      if (!interaction.isMessageContextMenuCommand()) throw new Error('expected a message context-menu command');
      const message = interaction.targetMessage;
      await interaction.reply({ content: 'found nothing', flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
      // Role mentions resolve against the guild's role cache, which a client with only the Guilds intent lacks here.
      return { name: interaction.commandName, content: message.content, everyone: message.mentions.everyone, users: [...message.mentions.users.keys()] };
    });

    const handle = discord.sendMessageCommand({ name: 'Find in the news', message: target });

    expect(value(await seen)).toEqual({ name: 'Find in the news', content: target.content, everyone: true, users: [MENTIONED.id] });
    expect(handle.payload).toMatchObject({ type: 2, data: { type: 3, name: 'Find in the news', id: discord.registeredCommands()[0]?.id, target_id: target.id, resolved: { messages: { [target.id]: { id: target.id } } } } });
    const reply = await handle.message();
    expect(reply).toMatchObject({ type: MessageType.ContextMenuCommand, interaction_metadata: { type: 2, target_message_id: target.id }, message_reference: { message_id: target.id }, referenced_message: { id: target.id } });
    expect(target).toMatchObject({ mention_everyone: true, mentions: [{ id: MENTIONED.id, username: 'mentioned' }], mention_roles: [ROLE_ID], author: { id: '300000000000000003' } });
  });

  it('given a 4,000-character message, an embed-only bot message and a stored message by id, then each is delivered whole', async () => {
    const discord = await startFake();
    const client = await startClient(discord);
    const long = discord.userMessage({ content: 'x'.repeat(LIMITS.userMessageContent) });
    const embedOnly = discord.userMessage({ embeds: [{ title: 'Oil deal', description: 'Signed on Monday' }], author: { id: '400000000000000001', username: 'newsbot', bot: true } });
    const withFile = discord.userMessage({ content: 'see attached', attachments: [{ filename: 'notes.txt', content: 'text' }] });
    const lengths: number[] = [];
    client.on('interactionCreate', (interaction) => {
      if (!interaction.isMessageContextMenuCommand()) return;
      lengths.push(interaction.targetMessage.content.length + interaction.targetMessage.embeds.length * 10_000 + interaction.targetMessage.attachments.size * 100_000);
      void interaction.reply({ content: 'ok', flags: MessageFlags.Ephemeral }).catch(() => undefined);
    });

    await discord.sendMessageCommand({ name: 'Find in the news', message: long.id }).callback();
    await discord.sendMessageCommand({ name: 'Find in the news', message: embedOnly }).callback();
    const file = discord.sendMessageCommand({ name: 'Find in the news', message: withFile });
    await file.callback();

    expect(lengths).toEqual([LIMITS.userMessageContent, 10_000, 100_000 + 'see attached'.length]);
    expect(file.payload).toMatchObject({ data: { resolved: { messages: { [withFile.id]: { attachments: [{ filename: 'notes.txt' }] } } } } });
    expect(await (await fetch(withFile.attachments[0]?.url ?? '')).text()).toBe('text');
    expect(() => discord.userMessage({ content: 'x'.repeat(LIMITS.userMessageContent + 1) })).toThrow(/at most 4000/);
    expect(() => discord.sendMessageCommand({ name: 'Find in the news', message: '123456789012345678' })).toThrow(/no message/);
  });

  it('given a message command in a private channel through a user install, then its context and owners are those of the place', async () => {
    const discord = await startFake();
    await startClient(discord);
    const dm = discord.sendCommand({ name: 'quote', context: Context.PrivateChannel });
    const channelId = String(dm.payload.channel_id);
    const message = discord.userMessage({ content: 'a friend wrote this', guildId: null, channelId });

    const handle = discord.sendMessageCommand({ name: 'Find in the news', message });

    expect(handle.payload).toMatchObject({ context: 2, channel_id: channelId, authorizing_integration_owners: { '1': '300000000000000001' } });
    expect(handle.payload).not.toHaveProperty('guild_id');
  });

  it('given a user command, then discord.js resolves the target user and member', async () => {
    const discord = await startFake();
    const client = await startClient(discord);
    const seen = onNextInteraction(client, async (interaction) => {
      if (!interaction.isUserContextMenuCommand()) throw new Error('expected a user context-menu command');
      await interaction.reply({ content: 'ok', flags: MessageFlags.Ephemeral });
      return { target: interaction.targetUser.username, member: interaction.targetMember !== null };
    });

    const handle = discord.sendUserCommand({ name: 'Quotes by', target: MENTIONED });

    expect(value(await seen)).toEqual({ target: 'mentioned', member: true });
    expect((await handle.message()).interaction_metadata).toMatchObject({ target_user: { id: MENTIONED.id } });
  });
});
