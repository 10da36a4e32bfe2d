// The fake Discord for user installs, interaction contexts, locales and command registration rules, with a real client.
//
// discord.js caches a DM or group DM channel from an interaction only with `partials: [Partials.Channel]`; without it
// `interaction.channel` is null there (the bot does not rely on it), so the test that reads the channel type opts in.
import {
  ActionRowBuilder,
  ApplicationIntegrationType,
  ButtonBuilder,
  ButtonStyle,
  ChannelType,
  InteractionContextType,
  Locale,
  MessageFlags,
  Partials,
  PermissionFlagsBits,
  Routes,
  SlashCommandBuilder,
} from 'discord.js';
import { describe, expect, it } from 'vitest';
import { Context, DISCORD_LOCALES, Install, LIMITS, USER_INSTALL_APP_PERMISSIONS, type FakeDiscord, type InteractionHandle } from '../support/fake-discord/index.ts';
import { fakeDiscordSuite, onNextInteraction, value } from './fake-discord-client.ts';

const { startFake, startClient, startRest } = fakeDiscordSuite();

/** What discord.js makes of where an interaction came from. */
async function whereDiscordJsSees(discord: FakeDiscord, send: () => InteractionHandle) {
  const client = await startClient(discord, { partials: [Partials.Channel] });
  const seen = onNextInteraction(client, async (interaction) => {
    if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
    await interaction.reply({ content: 'ok', flags: MessageFlags.Ephemeral });
    return {
      context: interaction.context,
      owners: { guild: interaction.authorizingIntegrationOwners[ApplicationIntegrationType.GuildInstall], user: interaction.authorizingIntegrationOwners[ApplicationIntegrationType.UserInstall] },
      guildId: interaction.guildId,
      inGuild: interaction.inGuild(),
      hasMember: interaction.member !== null,
      channelType: interaction.channel?.type,
      canEmbed: interaction.appPermissions.has(PermissionFlagsBits.EmbedLinks),
      canSend: interaction.appPermissions.has(PermissionFlagsBits.SendMessages),
      locale: interaction.locale,
      guildLocale: interaction.guildLocale,
    };
  });
  const handle = send();
  return { seen: value(await seen), handle };
}

describe('fake Discord: user installs and interaction contexts', () => {
  it('given a user install in a group DM, then discord.js sees context 2, the user-install owner and no guild or member', async () => {
    const discord = await startFake();
    const { seen, handle } = await whereDiscordJsSees(discord, () => discord.sendCommand({ name: 'quote', options: { query: 'oil' }, context: Context.PrivateChannel, locale: Locale.Russian }));

    expect(seen).toEqual({
      context: InteractionContextType.PrivateChannel,
      owners: { guild: undefined, user: '300000000000000001' },
      guildId: null,
      inGuild: false,
      hasMember: false,
      channelType: ChannelType.GroupDM,
      canEmbed: true,
      canSend: false,
      locale: 'ru',
      guildLocale: null,
    });
    expect(handle.payload).toMatchObject({ context: 2, authorizing_integration_owners: { '1': '300000000000000001' }, app_permissions: USER_INSTALL_APP_PERMISSIONS, user: { id: '300000000000000001' } });
    expect(handle.payload).not.toHaveProperty('guild_id');
    expect(handle.payload).not.toHaveProperty('guild_locale');
  });

  it('given a guild that only user-installed the app, then the payload has the guild and member but no guild-install owner, and the bot cannot post there', async () => {
    const discord = await startFake();
    const { seen, handle } = await whereDiscordJsSees(discord, () => discord.sendCommand({ name: 'quote', installs: [Install.User], guildLocale: Locale.German }));

    expect(seen).toMatchObject({ context: InteractionContextType.Guild, owners: { guild: undefined, user: '300000000000000001' }, guildId: discord.guildId, hasMember: true, canSend: false, guildLocale: 'de' });
    expect(handle.payload).toMatchObject({ guild_id: discord.guildId, guild_locale: 'de', guild: { id: discord.guildId, locale: 'de' }, authorizing_integration_owners: { '1': '300000000000000001' } });
    expect(handle.payload.authorizing_integration_owners).not.toHaveProperty('0');
    const rest = startRest(discord);
    await expect(rest.post(Routes.channelMessages(discord.channelId), { body: { content: 'public post' } })).rejects.toMatchObject({ code: 50001, status: 403 });
    expect(await handle.callback()).toMatchObject({ type: 4, status: 204 });
  });

  it('given both installs in a guild or a user install in the bot DM, then each owner key is present; app_permissions null leaves the field out', async () => {
    const discord = await startFake();
    await startClient(discord);

    const both = discord.sendCommand({ name: 'quote', installs: [Install.Guild, Install.User] });
    const botDm = discord.sendCommand({ name: 'quote', guildId: null, installs: [Install.User] });
    const guildDm = discord.sendCommand({ name: 'quote', context: Context.BotDM });
    const dmBetweenUsers = discord.sendCommand({ name: 'quote', context: Context.PrivateChannel, privateChannel: 'dm', appPermissions: null });

    expect(both.payload).toMatchObject({ context: 0, authorizing_integration_owners: { '0': discord.guildId, '1': '300000000000000001' } });
    expect(botDm.payload).toMatchObject({ context: 1, authorizing_integration_owners: { '1': '300000000000000001' }, channel: { type: ChannelType.DM } });
    expect(guildDm.payload).toMatchObject({ context: 1, authorizing_integration_owners: { '0': '0' } });
    expect(dmBetweenUsers.payload).toMatchObject({ context: 2, channel: { type: ChannelType.DM, recipients: [{ id: '300000000000000002' }] } });
    expect(dmBetweenUsers.payload).not.toHaveProperty('app_permissions');
    expect(() => discord.sendCommand({ name: 'quote', context: Context.PrivateChannel, installs: [Install.Guild] })).toThrow(/only through a user install/);
    expect(() => discord.sendCommand({ name: 'quote', locale: 'ru-RU' })).toThrow(/not one of Discord's locales/);
  });

  it('given a reply with a button in a private channel, then the click keeps the context and owners, and the 6th follow-up is refused', async () => {
    const discord = await startFake();
    const client = await startClient(discord);
    const replied = onNextInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
      const next = new ButtonBuilder().setCustomId('page:2').setLabel('Next').setStyle(ButtonStyle.Secondary);
      await interaction.reply({ content: 'page 1', components: [new ActionRowBuilder<ButtonBuilder>().addComponents(next)] });
    });
    const handle = discord.sendCommand({ name: 'quote', context: Context.PrivateChannel });
    value(await replied);
    expect((await handle.message()).interaction_metadata?.authorizing_integration_owners).toEqual({ '1': '300000000000000001' });

    const paged = onNextInteraction(client, async (interaction) => {
      if (!interaction.isButton()) throw new Error('expected a button');
      await interaction.update({ content: 'page 2' });
      const outcomes: string[] = [];
      for (let index = 0; index < LIMITS.userInstallFollowUps + 1; index += 1) {
        outcomes.push(await interaction.followUp({ content: `more ${index}`, flags: MessageFlags.Ephemeral }).then(() => 'sent', (error: unknown) => String((error as { code?: unknown }).code)));
      }
      return { context: interaction.context, outcomes };
    });
    const click = await discord.clickButton(handle, 'page:2');

    expect(value(await paged)).toEqual({ context: InteractionContextType.PrivateChannel, outcomes: ['sent', 'sent', 'sent', 'sent', 'sent', '40094'] });
    expect(click.payload).toMatchObject({ context: 2, authorizing_integration_owners: { '1': '300000000000000001' }, channel_id: handle.payload.channel_id });
    expect((await handle.message()).content).toBe('page 2');
  });
});

describe('fake Discord: registering commands for installs and contexts', () => {
  it('given integration_types and contexts, then valid lists are stored and bad ones refused with 50035', async () => {
    const discord = await startFake();
    const rest = startRest(discord);
    const route = Routes.applicationCommands(discord.applicationId);
    const command = (extra: object) => ({ name: 'quote', description: 'Find a quote', ...extra });
    const attempt = (extra: object) => rest.put(route, { body: [command(extra)] }).then(() => 'accepted', (error: unknown) => (error as { code?: unknown }).code);

    expect(await attempt({ integration_types: [2] })).toBe(50035);
    expect(await attempt({ integration_types: [] })).toBe(50035);
    expect(await attempt({ contexts: [0, 0] })).toBe(50035);
    expect(await attempt({ contexts: [3] })).toBe(50035);
    expect(await attempt({ contexts: 'guild' })).toBe(50035);
    const lookup = new SlashCommandBuilder()
      .setName('quote')
      .setDescription('Find a quote')
      .setIntegrationTypes(ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall)
      .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM, InteractionContextType.PrivateChannel);
    await rest.put(route, { body: [lookup.toJSON()] });

    expect(discord.registeredCommands()).toMatchObject([{ name: 'quote', integration_types: [0, 1], contexts: [0, 1, 2] }]);
  });

  it('given global and guild commands, then commandsOffered says where Discord shows each; a guild command never reaches user installs', async () => {
    const discord = await startFake();
    const rest = startRest(discord);
    const everywhere = { name: 'quote', description: 'd', integration_types: [0, 1], contexts: [0, 1, 2] };
    const defaults = { name: 'deal', description: 'd' };
    const guildOnly = { name: 'fact', description: 'd', integration_types: [0], contexts: [0] };
    await rest.put(Routes.applicationCommands(discord.applicationId), { body: [everywhere, defaults, guildOnly] });
    // Discord documents both fields as global-only; on a guild command the fake stores them but they change nothing.
    await rest.put(Routes.applicationGuildCommands(discord.applicationId, discord.guildId), { body: [{ name: 'data', description: 'd', integration_types: [0, 1], contexts: [0, 1, 2] }] });
    const names = (place: Parameters<FakeDiscord['commandsOffered']>[0]) => discord.commandsOffered(place).map((command) => command.name).sort();

    expect(names({ guildId: discord.guildId })).toEqual(['data', 'deal', 'fact', 'quote']);
    expect(names({ guildId: '1100000000000000099' })).toEqual(['deal', 'fact', 'quote']);
    expect(names({ guildId: discord.guildId, installs: [Install.User] })).toEqual(['quote']);
    expect(names({ context: Context.BotDM })).toEqual(['deal', 'quote']);
    expect(names({ context: Context.BotDM, installs: [Install.User] })).toEqual(['quote']);
    expect(names({ context: Context.PrivateChannel })).toEqual(['quote']);
    expect(discord.registeredCommands(discord.guildId)).toMatchObject([{ name: 'data', guild_id: discord.guildId, integration_types: [0, 1] }]);
  });

  it('given localized names and descriptions, then Discord locales and valid values pass; unknown locales and broken names are refused', async () => {
    const discord = await startFake();
    const rest = startRest(discord);
    const route = Routes.applicationCommands(discord.applicationId);
    const attempt = (command: object) => rest.put(route, { body: [command] }).then(() => 'accepted', (error: unknown) => (error as { rawError?: unknown }).rawError);
    const quote = (extra: object) => ({ name: 'quote', description: 'Find a quote', ...extra });

    expect(await attempt(quote({ name_localizations: { ru: 'цитата' }, description_localizations: { ru: 'Найти цитату' } }))).toBe('accepted');
    expect(await attempt(quote({ name_localizations: { 'ru-RU': 'цитата' } }))).toMatchObject({ errors: { '0': { name_localizations: { 'ru-RU': { _errors: [{ code: 'ENUM_TYPE_COERCE' }] } } } } });
    expect(await attempt(quote({ name_localizations: { ru: 'Цитата' } }))).toMatchObject({ errors: { '0': { name_localizations: { ru: { _errors: [{ code: 'APPLICATION_COMMAND_INVALID_NAME' }] } } } } });
    expect(await attempt(quote({ name_localizations: { ru: 'найти цитату' } }))).toMatchObject({ errors: { '0': { name_localizations: { ru: { _errors: [{ code: 'APPLICATION_COMMAND_INVALID_NAME' }] } } } } });
    expect(await attempt(quote({ description_localizations: { ru: 'д'.repeat(101) } }))).toMatchObject({ errors: { '0': { description_localizations: { ru: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } } } });
    const option = { type: 3, name: 'query', description: 'Words', name_localizations: { ru: 'запрос' }, choices: [{ name: 'a', value: 'a', name_localizations: { ru: '' } }] };
    expect(await attempt(quote({ options: [option] }))).toMatchObject({ errors: { '0': { options: { '0': { choices: { '0': { name_localizations: { ru: { _errors: [{ code: 'BASE_TYPE_BAD_LENGTH' }] } } } } } } } } });
    // Only the longest localization of each field counts toward 8000: 25 long Russian choice names push it over.
    const choices = Array.from({ length: 25 }, (_, index) => ({ name: `c${index}`, value: `v${index}`, name_localizations: { ru: 'я'.repeat(100) } }));
    const options = Array.from({ length: 4 }, (_, index) => ({ type: 3, name: `o${index}`, description: 'd', choices }));
    expect(await attempt(quote({ options }))).toMatchObject({ errors: { '0': { _errors: [{ code: 'APPLICATION_COMMAND_TOO_LARGE' }] } } });
    expect(discord.registeredCommands()).toMatchObject([{ name_localizations: { ru: 'цитата' } }]);
  });

  it('given the locales discord.js knows, then the fake accepts exactly those', () => {
    expect([...DISCORD_LOCALES].sort()).toEqual(Object.values(Locale).sort());
  });
});
