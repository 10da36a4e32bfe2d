// The fake Discord itself, driven by a real discord.js Client (not the bot) with tiny inline handlers.
//
// discord.js behaviours these tests accommodate:
// - REST `retries: 0`: a refused request must surface at once (discord.js only retries 5xx and network errors anyway).
// - discord.js refuses a second reply()/deferReply() locally (InteractionAlreadyReplied) before any request is made, so
//   the 40060 test posts the second callback with the client's own REST instance, as a buggy bot's raw call would.
// - A wrong token never reaches IDENTIFY through Client#login: GET /gateway/bot answers 401 first and discord.js turns
//   that into its own TokenInvalid error; the 4004 close is checked with a raw WebSocket instead.
// - After a gateway close with 4000 discord.js waits 500 ms before it reconnects and RESUMEs.
import { once } from 'node:events';
import {
  ActionRowBuilder,
  AttachmentBuilder,
  ButtonBuilder,
  ButtonStyle,
  Client,
  DiscordAPIError,
  EmbedBuilder,
  Events,
  GatewayDispatchEvents,
  GatewayIntentBits,
  MessageFlags,
  PermissionFlagsBits,
  Routes,
  StringSelectMenuBuilder,
} from 'discord.js';
import { WebSocket } from 'ws';
import { describe, expect, it, vi } from 'vitest';
import { LIMITS, MessageFlag, shardOf } from '../support/fake-discord/index.ts';
import { apiError, fakeDiscordSuite, onNextInteraction, value } from './fake-discord-client.ts';

const { startFake, startClient, startRest, trackClient } = fakeDiscordSuite();

/** A guild id that Discord's sharding formula puts on `shard` of `count`. */
function guildOnShard(shard: number, count: number): string {
  return String(((987_654_321n * BigInt(count)) + BigInt(shard)) << 22n);
}

describe('fake Discord with a real discord.js client', () => {
  it('given a client pointed at the fake, then login reaches clientReady and the shard is ready', async () => {
    const discord = await startFake();
    const client = await startClient(discord);

    expect(client.user?.id).toBe(discord.botUser.id);
    expect(client.application?.id).toBe(discord.applicationId);
    expect([...discord.readyShards]).toEqual([0]);
    const gatewayBot = discord.requests.find((request) => request.path === '/api/v10/gateway/bot');
    expect(gatewayBot?.status).toBe(200);
    expect(gatewayBot?.headers.authorization).toBe(`Bot ${discord.token}`);
    const identify = discord.gatewayFrames.find((frame) => frame.direction === 'in' && frame.op === 2);
    expect(identify?.d).toMatchObject({ token: discord.token, shard: [0, 1], intents: GatewayIntentBits.Guilds });
  });

  it('given a command, then an embed reply is recorded as a type 4 callback and becomes the original message', async () => {
    const discord = await startFake();
    const client = await startClient(discord);
    const seen = onNextInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
      const query = interaction.options.getString('query', true);
      const canManage = interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false;
      await interaction.reply({ embeds: [new EmbedBuilder().setTitle(`Results for ${query}`).setDescription('one quote')] });
      return { name: interaction.commandName, canManage, guildId: interaction.guildId, userId: interaction.user.id };
    });

    const handle = discord.sendCommand({ name: 'quote', options: { query: 'budget' } });
    const callback = await handle.callback();
    const result = value(await seen);

    expect(result).toEqual({ name: 'quote', canManage: false, guildId: discord.guildId, userId: '300000000000000001' });
    expect(callback).toMatchObject({ type: 4, status: 204, error: undefined, data: { embeds: [{ title: 'Results for budget', description: 'one quote' }] } });
    expect(discord.callbacks).toHaveLength(1);
    expect(handle.requests.map((request) => `${request.method} ${request.status}`)).toEqual(['POST 204']);
    expect(handle.requests[0]?.headers.authorization).toBeUndefined();
    const message = await handle.message();
    expect(message.embeds[0]?.title).toBe('Results for budget');
    expect(message.author.id).toBe(discord.botUser.id);
    expect(message.interaction_metadata?.id).toBe(handle.id);
  });

  it('given Manage Guild in the member payload, then discord.js sees the permission (and with_response returns the message)', async () => {
    const discord = await startFake();
    const client = await startClient(discord);
    const seen = onNextInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
      const response = await interaction.reply({ content: 'ok', flags: MessageFlags.Ephemeral, withResponse: true });
      return { canManage: interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild), message: response.resource?.message?.content };
    });

    const handle = discord.sendCommand({ name: 'reload', memberPermissions: String(PermissionFlagsBits.ManageGuild), roles: ['500000000000000001'] });

    expect(value(await seen)).toEqual({ canManage: true, message: 'ok' });
    expect(handle.requests[0]).toMatchObject({ query: { with_response: 'true' }, status: 200 });
    expect(handle.payload).toMatchObject({ member: { permissions: '32', roles: ['500000000000000001'] } });
    expect(((await handle.message()).flags ?? 0) & MessageFlag.Ephemeral).toBe(MessageFlag.Ephemeral);
  });

  it('given a 4097-character embed description, then Discord answers 50035 and discord.js throws DiscordAPIError', async () => {
    const discord = await startFake();
    const client = await startClient(discord);
    const seen = onNextInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
      // Plain JSON on purpose: EmbedBuilder would refuse the string before Discord ever saw it.
      await interaction.reply({ embeds: [{ description: 'x'.repeat(LIMITS.embedDescription + 1) }] });
    });

    const handle = discord.sendCommand({ name: 'quote' });
    const error = apiError(await seen);

    expect(error.code).toBe(50035);
    expect(error.status).toBe(400);
    expect(error.rawError).toMatchObject({ message: 'Invalid Form Body', errors: { data: { embeds: { '0': { description: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } } } } });
    const callback = await handle.callback();
    expect(callback).toMatchObject({ status: 400, error: { code: 50035 } });
    await expect(handle.message({ timeoutMs: 50 })).rejects.toThrow(/no original response yet/);
  });

  it('given a refused reply, then the interaction is still unacknowledged and a valid reply is accepted', async () => {
    const discord = await startFake();
    const client = await startClient(discord);
    const seen = onNextInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
      const refused = await interaction.reply({ content: 'y'.repeat(LIMITS.content + 1) }).then(
        () => undefined,
        (error: unknown) => error,
      );
      await interaction.reply({ content: 'short' });
      return refused;
    });

    const handle = discord.sendCommand({ name: 'quote' });
    const refused = value(await seen);

    expect(refused).toBeInstanceOf(DiscordAPIError);
    expect(handle.callbacks.map((callback) => callback.status)).toEqual([400, 204]);
    expect((await handle.message()).content).toBe('short');
  });

  it('given a second initial callback, then Discord answers 40060', async () => {
    const discord = await startFake();
    const client = await startClient(discord);
    const seen = onNextInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
      await interaction.reply({ content: 'first' });
      // discord.js blocks a second reply() locally, so post the callback the way a raw call would.
      await client.rest.post(Routes.interactionCallback(interaction.id, interaction.token), { body: { type: 4, data: { content: 'second' } }, auth: false });
    });

    const handle = discord.sendCommand({ name: 'quote' });
    const error = apiError(await seen);

    expect(error.code).toBe(40060);
    expect(handle.callbacks.map((callback) => callback.status)).toEqual([204, 400]);
    expect((await handle.message()).content).toBe('first');
  });

  it('given 3.5 s pass before the reply, then Discord answers 10062 Unknown interaction', async () => {
    const discord = await startFake();
    const client = await startClient(discord);
    const seen = onNextInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
      discord.advanceTime(3500);
      await interaction.reply({ content: 'too late' });
    });

    const handle = discord.sendCommand({ name: 'quote' });
    const error = apiError(await seen);

    expect(error.code).toBe(10062);
    expect(error.status).toBe(404);
    expect((await handle.callback()).error?.message).toBe('Unknown interaction');
  });

  it('given deferReply then editReply, then the thinking message is replaced; a follow-up 16 minutes later gets 10062', async () => {
    const discord = await startFake();
    const client = await startClient(discord);
    const seen = onNextInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      const edited = await interaction.editReply({ content: 'done' });
      discord.advanceTime(16 * 60 * 1000);
      const late = await interaction.followUp({ content: 'much later' }).then(
        () => undefined,
        (error: unknown) => error,
      );
      return { editedId: edited.id, late };
    });

    const handle = discord.sendCommand({ name: 'quote' });
    const { editedId, late } = value(await seen);

    expect((await handle.callback()).type).toBe(5);
    const message = await handle.message();
    expect(message).toMatchObject({ id: editedId, content: 'done' });
    expect((message.flags ?? 0) & MessageFlag.Loading).toBe(0);
    expect((message.flags ?? 0) & MessageFlag.Ephemeral).toBe(MessageFlag.Ephemeral);
    expect(late).toBeInstanceOf(DiscordAPIError);
    expect(late).toMatchObject({ code: 10062 });
    expect(handle.requests.map((request) => `${request.method} ${request.status}`)).toEqual(['POST 204', 'PATCH 200', 'POST 404']);
    expect(handle.requests[1]?.path).toContain('/messages/%40original');
  });

  it('given deferReply then followUp, then the first follow-up edits the thinking message and later ones are new messages', async () => {
    const discord = await startFake();
    const client = await startClient(discord);
    const seen = onNextInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
      await interaction.deferReply();
      const first = await interaction.followUp({ content: 'answer' });
      const second = await interaction.followUp({ content: 'more' });
      const third = await interaction.followUp({ content: 'removed' });
      await interaction.deleteReply(third);
      const fetched = await interaction.fetchReply();
      return { first: first.id, second: second.id, fetched: fetched.content };
    });

    const handle = discord.sendCommand({ name: 'quote' });
    const ids = value(await seen);

    const original = await handle.message();
    expect(original).toMatchObject({ id: ids.first, content: 'answer' });
    expect(ids.fetched).toBe('answer');
    expect(handle.followUps.map((message) => [message.id, message.content])).toEqual([[ids.second, 'more']]);
  });

  it('given an autocomplete answer with 26 choices, then it is refused; 25 are accepted', async () => {
    const discord = await startFake();
    const client = await startClient(discord);
    const choices = (count: number) => Array.from({ length: count }, (_, index) => ({ name: `choice ${index}`, value: `v${index}` }));
    const tooMany = onNextInteraction(client, async (interaction) => {
      if (!interaction.isAutocomplete()) throw new Error('expected autocomplete');
      await interaction.respond(choices(LIMITS.autocompleteChoices + 1));
    });
    const first = discord.sendAutocomplete({ name: 'quote', options: { query: 'bud' } });
    const error = apiError(await tooMany);
    expect(error.code).toBe(50035);
    expect(error.rawError).toMatchObject({ errors: { data: { choices: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } } });
    expect(first.payload).toMatchObject({ type: 4, data: { name: 'quote', options: [{ name: 'query', value: 'bud', focused: true, type: 3 }] } });

    const enough = onNextInteraction(client, async (interaction) => {
      if (!interaction.isAutocomplete()) throw new Error('expected autocomplete');
      const focused = interaction.options.getFocused(true);
      await interaction.respond(choices(LIMITS.autocompleteChoices));
      return focused;
    });
    const second = discord.sendAutocomplete({ name: 'quote', options: { query: 'budget', author: 'x' }, focused: 'query' });
    expect(value(await enough)).toMatchObject({ name: 'query', value: 'budget' });
    expect(await second.callback()).toMatchObject({ type: 8, status: 204 });
  });

  it('given a wrong token, then client.login() rejects and GET /gateway/bot was answered 401', async () => {
    const discord = await startFake();
    const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: discord.apiUrl, retries: 0 } });
    trackClient(client);

    await expect(client.login('not-the-token')).rejects.toMatchObject({ code: 'TokenInvalid' });
    const answer = discord.requests.find((request) => request.path === '/api/v10/gateway/bot');
    expect(answer).toMatchObject({ status: 401, responseBody: { message: '401: Unauthorized', code: 0 } });
  });

  it('given a wrong token in IDENTIFY, then the gateway closes with 4004', async () => {
    const discord = await startFake();
    const socket = new WebSocket(`${discord.gatewayUrl}/?v=10&encoding=json`);
    const closed = once(socket, 'close');
    const [hello] = (await once(socket, 'message')) as [Buffer];
    expect(JSON.parse(hello.toString('utf8'))).toMatchObject({ op: 10, d: { heartbeat_interval: 41_250 } });

    socket.send(JSON.stringify({ op: 2, d: { token: 'wrong', intents: 1, properties: {}, shard: [0, 1] } }));
    const [code] = (await closed) as [number];

    expect(code).toBe(4004);
    expect(discord.readyShards.size).toBe(0);
  });

  it('given a reply with a button, then pressing it delivers a button interaction and update() edits that message', async () => {
    const discord = await startFake();
    const client = await startClient(discord);
    const replied = onNextInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
      const row = new ActionRowBuilder<ButtonBuilder>().addComponents(new ButtonBuilder().setCustomId('page:2').setLabel('Next').setStyle(ButtonStyle.Primary));
      await interaction.reply({ content: 'page 1', components: [row] });
    });
    const handle = discord.sendCommand({ name: 'quote' });
    value(await replied);
    const original = await handle.message();

    const updated = onNextInteraction(client, async (interaction) => {
      if (!interaction.isButton()) throw new Error('expected a button');
      await interaction.update({ content: 'page 2', components: [] });
      return { customId: interaction.customId, messageId: interaction.message.id, userId: interaction.user.id };
    });
    const click = await discord.clickButton(handle, 'page:2');

    expect(value(await updated)).toEqual({ customId: 'page:2', messageId: original.id, userId: '300000000000000001' });
    expect(await click.callback()).toMatchObject({ type: 7, status: 204 });
    expect(await handle.message()).toMatchObject({ id: original.id, content: 'page 2', components: [] });
    expect(click.payload).toMatchObject({ type: 3, data: { custom_id: 'page:2', component_type: 2 }, message: { id: original.id } });
    await expect(discord.clickButton(handle, 'page:2', { timeoutMs: 50 })).rejects.toThrow(/timed out/);
  });

  it('given a string select, then selectValues delivers the chosen values and refuses values the menu does not offer', async () => {
    const discord = await startFake();
    const client = await startClient(discord);
    const replied = onNextInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
      const menu = new StringSelectMenuBuilder().setCustomId('pick').addOptions({ label: 'A', value: 'a' }, { label: 'B', value: 'b' });
      await interaction.reply({ content: 'choose', components: [new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(menu)], flags: MessageFlags.Ephemeral });
    });
    const handle = discord.sendCommand({ name: 'quote' });
    value(await replied);

    await expect(discord.selectValues(handle, 'pick', ['c'])).rejects.toThrow(/has no option\(s\) c/);
    await expect(discord.selectValues(handle, 'pick', ['a'], { user: { id: '300000000000000099' } })).rejects.toThrow(/ephemeral/);
    const picked = onNextInteraction(client, async (interaction) => {
      if (!interaction.isStringSelectMenu()) throw new Error('expected a select');
      await interaction.update({ content: `picked ${interaction.values.join(',')}`, components: [] });
    });
    const selection = await discord.selectValues(handle, 'pick', ['b']);
    value(await picked);

    expect(await selection.callback()).toMatchObject({ type: 7, status: 204 });
    expect((await handle.message()).content).toBe('picked b');
  });

  it('given two shards, then both become ready and a guild interaction arrives on the shard that owns the guild', async () => {
    const discord = await startFake({ shardCount: 2 });
    const client = await startClient(discord, { shards: [0, 1], shardCount: 2 });
    await discord.waitForShards(2);
    const arrivals: number[] = [];
    client.ws.on(GatewayDispatchEvents.InteractionCreate, (_data: unknown, shardId: number) => {
      arrivals.push(shardId);
    });
    client.on(Events.InteractionCreate, (interaction) => {
      if (interaction.isChatInputCommand()) void interaction.reply({ content: 'pong' }).catch(() => undefined);
    });

    const onShardOne = guildOnShard(1, 2);
    const onShardZero = guildOnShard(0, 2);
    expect([shardOf(onShardOne, 2), shardOf(onShardZero, 2)]).toEqual([1, 0]);
    const first = discord.sendCommand({ name: 'ping', guildId: onShardOne });
    await first.callback();
    const second = discord.sendCommand({ name: 'ping', guildId: onShardZero });
    await second.callback();
    const dm = discord.sendCommand({ name: 'ping', guildId: null });
    await dm.callback();

    expect([...discord.readyShards].sort()).toEqual([0, 1]);
    expect([first.shardId, second.shardId, dm.shardId]).toEqual([1, 0, 0]);
    expect(arrivals).toEqual([1, 0, 0]);
    expect(dm.payload).toMatchObject({ user: { id: '300000000000000001' }, context: 1 });
    expect(dm.payload).not.toHaveProperty('member');
  });

  it('given a dropped connection, then discord.js resumes the session and interactions keep arriving', async () => {
    const discord = await startFake();
    const client = await startClient(discord);
    client.on(Events.InteractionCreate, (interaction) => {
      if (interaction.isChatInputCommand()) void interaction.reply({ content: 'still here' }).catch(() => undefined);
    });

    discord.disconnectShard(0);
    await vi.waitFor(() => {
      expect(discord.gatewayFrames.some((frame) => frame.direction === 'out' && frame.t === 'RESUMED')).toBe(true);
    }, { timeout: 5000, interval: 20 });
    await discord.waitForShards(1);
    const handle = discord.sendCommand({ name: 'ping' });

    expect(await handle.callback()).toMatchObject({ status: 204 });
    expect(discord.gatewayFrames.filter((frame) => frame.direction === 'in' && frame.op === 2)).toHaveLength(1);
  });

  it('given REST bulk overwrites of guild commands, then valid ones are stored and any over a limit are refused', async () => {
    const discord = await startFake();
    const rest = startRest(discord);
    const route = Routes.applicationGuildCommands(discord.applicationId, discord.guildId);
    const quote = { name: 'quote', description: 'Find a quote', options: [{ type: 3, name: 'query', description: 'Words to look for', required: true, autocomplete: true }] };

    const stored = (await rest.put(route, { body: [quote] })) as { id: string; application_id: string; version: string; name: string }[];
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ name: 'quote', application_id: discord.applicationId, guild_id: discord.guildId });
    expect(stored[0]?.id).toMatch(/^\d+$/);
    expect(discord.registeredCommands(discord.guildId).map((command) => command.name)).toEqual(['quote']);
    expect(discord.registeredCommands()).toEqual([]);
    expect(await rest.get(route)).toEqual(stored);

    const refused = await rest.put(route, { body: [{ name: 'Bad Name', description: 'x' }] }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(DiscordAPIError);
    expect(refused).toMatchObject({ code: 50035, rawError: { errors: { '0': { name: { _errors: [{ code: 'APPLICATION_COMMAND_INVALID_NAME' }] } } } } });
    expect(discord.registeredCommands(discord.guildId).map((command) => command.name)).toEqual(['quote']);

    const attempt = (body: unknown) => rest.put(route, { body }).then(() => 'accepted', (error: unknown) => (error instanceof DiscordAPIError ? error.code : error));
    const option = (name: string) => ({ type: 3, name, description: 'd' });
    const command = (name: string, extra: object = {}) => ({ name, description: 'd', ...extra });
    expect(await attempt([command('Quote')])).toBe(50035);
    expect(await attempt([command('q'.repeat(33))])).toBe(50035);
    expect(await attempt([command('quote', { description: 'd'.repeat(101) })])).toBe(50035);
    expect(await attempt([command('quote', { description: '' })])).toBe(50035);
    expect(await attempt([command('quote', { options: Array.from({ length: 26 }, (_, index) => option(`o${index}`)) })])).toBe(50035);
    const choices = (count: number, size: number) => Array.from({ length: count }, (_, index) => ({ name: `${index}`.padEnd(size, 'n'), value: `${index}`.padEnd(size, 'v') }));
    expect(await attempt([command('quote', { options: [{ ...option('o'), choices: choices(26, 1) }] })])).toBe(50035);
    // 25 options × 25 choices × (80 + 80) characters is far over the 8000 a command may sum to, with every field valid.
    const tooLarge = [command('quote', { options: Array.from({ length: 25 }, (_, index) => ({ ...option(`o${index}`), choices: choices(25, 80) })) })];
    await expect(rest.put(route, { body: tooLarge })).rejects.toMatchObject({ rawError: { errors: { '0': { _errors: [{ code: 'APPLICATION_COMMAND_TOO_LARGE' }] } } } });
    const tooMany = Array.from({ length: 101 }, (_, index) => command(`c${index}`));
    await expect(rest.put(route, { body: tooMany })).rejects.toMatchObject({ rawError: { errors: { _errors: [{ code: 'APPLICATION_COMMANDS_TOO_MANY' }] } } });
    expect(await attempt([command('same'), command('same')])).toBe(50035);
    expect(await attempt(Array.from({ length: 100 }, (_, index) => command(`c${index}`)))).toBe('accepted');

    const unauthorized = await startRest(discord, 'wrong').get(route).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(unauthorized).toMatchObject({ status: 401 });
  });

  it('given payloads over the limits on a channel message, then each is refused the way Discord refuses it', async () => {
    const discord = await startFake();
    const rest = startRest(discord);
    const route = Routes.channelMessages(discord.channelId);
    const button = (id: string) => ({ type: 2, style: 1, label: id, custom_id: id });
    const row = (...ids: string[]) => ({ type: 1, components: ids.map(button) });
    const attempt = (body: unknown) => rest.post(route, { body }).then(() => 'accepted', (error: unknown) => (error instanceof DiscordAPIError ? error.code : error));

    expect(await attempt({})).toBe(50006);
    expect(await attempt({ content: '   ' })).toBe(50006);
    expect(await attempt({ content: 'z'.repeat(LIMITS.content + 1) })).toBe(50035);
    expect(await attempt({ embeds: Array.from({ length: 11 }, () => ({ title: 't' })) })).toBe(50035);
    expect(await attempt({ embeds: [{ title: '' }] })).toBe(50035);
    expect(await attempt({ embeds: [{ description: 'd'.repeat(4000) }, { description: 'd'.repeat(2001) }] })).toBe(50035);
    expect(await attempt({ embeds: [{ fields: Array.from({ length: 26 }, () => ({ name: 'n', value: 'v' })) }] })).toBe(50035);
    expect(await attempt({ components: [row('a'), row('b'), row('c'), row('d'), row('e'), row('f')] })).toBe(50035);
    expect(await attempt({ components: [row('a', 'b', 'c', 'd', 'e', 'f')] })).toBe(50035);
    expect(await attempt({ components: [row('same'), row('same')] })).toBe(50035);
    expect(await attempt({ components: [row('x'.repeat(101))] })).toBe(50035);
    expect(await attempt({ components: [{ type: 1, components: [{ type: 2, style: 1, custom_id: 'l', label: 'l'.repeat(81) }] }] })).toBe(50035);
    expect(await attempt({ content: 'fine', embeds: [{ description: 'd'.repeat(4000) }, { description: 'd'.repeat(2000) }] })).toBe('accepted');

    expect(discord.channelMessages(discord.channelId).map((message) => message.content)).toEqual(['fine']);
  });

  it('given a deferred response with flags other than EPHEMERAL, then it is refused', async () => {
    const discord = await startFake();
    const client = await startClient(discord);
    const seen = onNextInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
      // deferReply's types only allow Ephemeral, so send what a raw call with SUPPRESS_EMBEDS would.
      const body = { type: 5, data: { flags: MessageFlags.SuppressEmbeds } };
      await client.rest.post(Routes.interactionCallback(interaction.id, interaction.token), { body, auth: false });
    });
    discord.sendCommand({ name: 'quote' });

    expect(apiError(await seen).code).toBe(50035);
  });

  it('given an attachment option, then discord.js resolves it and the bot can download it; files it sends are recorded', async () => {
    const discord = await startFake();
    const client = await startClient(discord);
    const upload = discord.addAttachment({ filename: 'entries.json', content: '{"quotes":[]}' });
    const seen = onNextInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
      const attachment = interaction.options.getAttachment('file', true);
      const downloaded = await (await fetch(attachment.url)).text();
      const result = new AttachmentBuilder(Buffer.from(JSON.stringify({ received: downloaded })), { name: 'result.json' });
      await interaction.reply({ content: `got ${attachment.name}`, files: [result] });
      return downloaded;
    });

    const handle = discord.sendCommand({ name: 'import', options: { file: upload } });

    expect(upload).toMatchObject({ filename: 'entries.json', size: 13, content_type: 'application/json' });
    expect(upload.url.startsWith(`${discord.cdnUrl}/attachments/`)).toBe(true);
    expect(value(await seen)).toBe('{"quotes":[]}');
    expect(handle.payload).toMatchObject({ data: { options: [{ name: 'file', type: 11, value: upload.id }], resolved: { attachments: { [upload.id]: { url: upload.url } } } } });
    const callback = await handle.callback();
    expect(callback.files.map((file) => [file.field, file.filename, file.text])).toEqual([['files[0]', 'result.json', '{"received":"{\\"quotes\\":[]}"}']]);
    expect(handle.requests[0]?.multipart).toBe(true);
    const message = await handle.message();
    expect(message.content).toBe('got entries.json');
    const sent = message.attachments[0];
    expect(sent?.filename).toBe('result.json');
    expect(await (await fetch(sent?.url ?? '')).json()).toEqual({ received: '{"quotes":[]}' });
  });

  it('given no answer from the bot, then handle.callback() fails with a message naming the interaction', async () => {
    const discord = await startFake();
    await startClient(discord);
    const handle = discord.sendCommand({ name: 'silent' });

    await expect(handle.callback({ timeoutMs: 100 })).rejects.toThrow(`timed out after 100 ms waiting for a callback for interaction ${handle.id} (/silent)`);
  });

  it('given unknown routes, tokens and messages, then the fake answers with Discord\'s errors', async () => {
    const discord = await startFake();
    const answer = async (path: string, init: RequestInit = {}) => {
      const response = await fetch(`${discord.apiUrl}${path}`, init);
      return { status: response.status, body: await response.json() };
    };
    const json = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

    expect(await answer('/v10/nothing/here')).toEqual({ status: 404, body: { message: '404: Not Found', code: 0 } });
    expect(await answer(`/v10/webhooks/${discord.applicationId}/no-such-token?wait=true`, json({ content: 'x' }))).toEqual({ status: 404, body: { message: 'Unknown Webhook', code: 10015 } });
    expect(await answer('/v10/interactions/123456789012345678/no-such-token/callback', json({ type: 4, data: { content: 'x' } }))).toEqual({
      status: 404,
      body: { message: 'Unknown interaction', code: 10062 },
    });
    expect(await answer(`/v10/channels/${discord.channelId}`)).toEqual({ status: 401, body: { message: '401: Unauthorized', code: 0 } });
    const channel = await answer(`/v10/channels/${discord.channelId}`, { headers: { authorization: `Bot ${discord.token}` } });
    expect(channel).toMatchObject({ status: 200, body: { id: discord.channelId, type: 0, guild_id: discord.guildId } });
  });

  it('given a short heartbeat interval, then heartbeats are acknowledged', async () => {
    const discord = await startFake({ heartbeatIntervalMs: 50 });
    const client = await startClient(discord);

    await vi.waitFor(() => {
      expect(client.ws.ping).toBeGreaterThanOrEqual(0);
    }, { timeout: 2000, interval: 20 });
    expect(discord.gatewayFrames.some((frame) => frame.direction === 'out' && frame.op === 11)).toBe(true);
  });
});
