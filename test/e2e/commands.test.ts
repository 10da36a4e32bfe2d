// Every command end to end: a real discord.js client inside the bot, a fake Discord that enforces the rules.
import type { APIEmbed, APIMessage } from 'discord-api-types/v10';
import { describe, expect, it, vi } from 'vitest';
import { commands } from '../../commands/index.ts';
import { definitionOptions, type Command } from '../../src/interaction/types.ts';
import { DATA_HOME_HINT, messages } from '../../src/messages.ts';
import { botEnv, cleanUpAfterEachTest, exitCode, spawnBot, startFake, startHarness, stopBot, type Harness } from './harness.ts';

const OTHER_USER = { id: '300000000000000003', username: 'bob' };
cleanUpAfterEachTest();

interface ReplyData {
  readonly content?: string;
  readonly embeds?: APIEmbed[];
  readonly components?: { components: { custom_id?: string; label?: string; type: number }[] }[];
  readonly flags?: number;
  readonly allowed_mentions?: unknown;
  readonly choices?: { name: string; value: string }[];
}

function dataOf(callback: { data: unknown }): ReplyData {
  return callback.data as ReplyData;
}

function customId(message: APIMessage | ReplyData, label: string): string {
  for (const row of message.components ?? []) {
    for (const component of (row as { components: { custom_id?: string; label?: string }[] }).components) {
      if (component.label === label && component.custom_id) return component.custom_id;
    }
  }
  throw new Error(`no component labelled ${label}`);
}

/** A command that answers `content` after 300 ms: slower than a test's defer threshold. */
function slowCommand(content: string): Command {
  return {
    data: { name: 'slow', description: 'Answers after 300 ms' },
    execute: () =>
      new Promise((resolve) => {
        setTimeout(() => {
          resolve({ content });
        }, 300);
      }),
  };
}

const AUTOCOMPLETE = commands.flatMap((command) =>
  definitionOptions(command.data).filter((option) => 'autocomplete' in option && option.autocomplete).map((option) => ({ command: command.data.name, option: option.name })),
);

describe('lookups through Discord', () => {
  let harness: Harness;

  it('given /quote Tokayev, then Discord receives one embed reply with paging buttons, no pings, within every limit', async () => {
    harness = await startHarness();
    const handle = harness.fake.sendCommand({ name: 'quote', options: { query: 'Tokayev' } });
    const callback = await handle.callback();
    expect(callback.status).toBe(204);
    expect(callback.type).toBe(4);
    const data = dataOf(callback);
    expect(data.embeds?.[0]?.author?.name).toBe('Kassym-Jomart Tokayev — President of Kazakhstan');
    expect(data.embeds?.[1]?.title).toBe('9 quotes match “tokayev”');
    expect(data.allowed_mentions).toEqual({ parse: [] });
    expect(data.components?.[0]?.components.map((component) => component.label)).toEqual(['⏮', '◀ Previous', '1 / 9', 'Next ▶', '⏭']);
    expect(handle.callbacks).toHaveLength(1);
  });

  it('given /deal boeing, then both Boeing deals are in the reply', async () => {
    harness = await startHarness();
    const data = dataOf(await harness.fake.sendCommand({ name: 'deal', options: { query: 'boeing' } }).callback());
    const text = JSON.stringify(data.embeds);
    expect(text).toContain('Central Asian airlines commit to buy Boeing airplanes');
    expect(text).toContain('Uzbekistan’s national airline to buy Boeing Dreamliner jets');
  });

  it.each(['fact', 'who', 'search', 'sources', 'help'])('given /%s, then Discord accepts the reply', async (name) => {
    harness = await startHarness();
    const options: Record<string, string> = name === 'who' ? { name: 'Lutnick' } : name === 'fact' || name === 'search' ? { query: 'tungsten' } : {};
    const callback = await harness.fake.sendCommand({ name, options }).callback();
    expect(callback.status).toBe(204);
    expect(dataOf(callback).embeds?.length).toBeGreaterThan(0);
  });

  it('given autocomplete input of every kind for every option, then Discord gets at most 25 valid choices, once', async () => {
    harness = await startHarness();
    for (const { command, option } of AUTOCOMPLETE) {
      for (const value of ['', 'tok', 'lutnik', 'Токаев', 'z'.repeat(200)]) {
        const handle = harness.fake.sendAutocomplete({ name: command, options: { [option]: value }, focused: option });
        const callback = await handle.callback();
        expect(callback.status, `${command} ${option} "${value.slice(0, 10)}"`).toBe(204);
        expect(callback.type).toBe(8);
        expect(dataOf(callback).choices?.length).toBeLessThanOrEqual(25);
        expect(handle.callbacks).toHaveLength(1);
      }
    }
  });

  it('given a suggestion’s id as the option value, then exactly that entry is shown', async () => {
    harness = await startHarness();
    const suggestions = dataOf(await harness.fake.sendAutocomplete({ name: 'quote', options: { query: 'economy' }, focused: 'query' }).callback());
    const choice = suggestions.choices?.[0];
    expect(choice?.value).toBe('q-lutnick-economy-on-fire');
    const data = dataOf(await harness.fake.sendCommand({ name: 'quote', options: { query: choice?.value ?? '' } }).callback());
    expect(data.embeds).toHaveLength(1);
    expect(data.embeds?.[0]?.description).toContain('The U.S. economy is on fire');
  });

  it('given free text that matches nothing, then the answer is ephemeral with a hint', async () => {
    harness = await startHarness();
    const data = dataOf(await harness.fake.sendCommand({ name: 'deal', options: { query: 'mirzayev' } }).callback());
    expect(data.flags).toBe(64);
    expect(data.content).toContain('No deal matches “mirzayev”.');
  });

  it.each([
    ['a 10,000-character value', 'x'.repeat(10_000)],
    ['markdown and mass mentions', '**@everyone** <@&123> `code` [link](http://example.com)'],
    ['control characters', '\u0000\u001b[31mred'],
  ])('given %s as the query, then Discord accepts the answer', async (_label, query) => {
    harness = await startHarness();
    const callback = await harness.fake.sendCommand({ name: 'quote', options: { query } }).callback();
    expect(callback.status).toBe(204);
    expect(dataOf(callback).allowed_mentions).toEqual({ parse: [] });
  });
});

describe('paging buttons', () => {
  it('given the invoker presses Next, then the message is updated in place with the second quote', async () => {
    const { fake } = await startHarness();
    const first = fake.sendCommand({ name: 'quote', options: { query: 'Tokayev' } });
    const message = await first.message();
    const click = await fake.clickButton(first, customId(message, 'Next ▶'));
    const callback = await click.callback();
    expect(callback.type).toBe(7);
    expect(dataOf(callback).embeds?.[0]?.description).toContain('It’s crucial for major powers');
    const updated = await first.message({ until: (current) => JSON.stringify(current.components).includes('2 / 9') });
    const menu = (updated.components?.[1] as { components: { custom_id: string }[] }).components[0]?.custom_id ?? '';
    const menuPick = await fake.selectValues(first, menu, ['8']);
    expect(dataOf(await menuPick.callback()).embeds?.[0]?.description).toContain('law and order');
  });

  it('given someone else presses a button, then they get an ephemeral hint and the message stays as it was', async () => {
    const { fake } = await startHarness();
    const first = fake.sendCommand({ name: 'quote', options: { query: 'Tokayev' } });
    const message = await first.message();
    const click = await fake.clickButton(first, customId(message, 'Next ▶'), { user: OTHER_USER });
    const callback = await click.callback();
    expect(callback.type).toBe(4);
    expect(dataOf(callback)).toMatchObject({ flags: 64, content: messages.notYourButtons('quote', 'tokayev') });
    expect((await first.message()).embeds[0]?.description).toContain('the United States of America has the right');
  });

  it('given a button from before a restart, then the restarted bot answers it', async () => {
    const before = await startHarness();
    const first = before.fake.sendCommand({ name: 'deal', options: { query: 'kazakhstan' } });
    const message = await first.message();
    await stopBot(before.bot);
    await startHarness({}, {}, before.fake);
    const click = await before.fake.clickButton(first, customId(message, '⏭'));
    const callback = await click.callback();
    expect(callback.type).toBe(7);
    expect(JSON.stringify(dataOf(callback).components)).toContain('5 / 5');
  });
});

describe('failures', () => {
  const throwing: Command = { data: { name: 'boom', description: 'Always fails' }, execute: () => Promise.reject(new Error('kaput')) };
  const huge: Command = {
    data: { name: 'huge', description: 'An embed far over the limits' },
    execute: () => ({ embeds: [{ title: 'T'.repeat(500), description: 'd'.repeat(9000), fields: Array.from({ length: 40 }, (_, i) => ({ name: `f${String(i)}`, value: 'v'.repeat(2000) })) }] }),
  };
  const slow = slowCommand('done at last');

  it('given a command that throws, then the user gets an ephemeral apology whose reference id is in the log', async () => {
    const { fake, logs } = await startHarness({}, { commands: [...commands, throwing] });
    const data = dataOf(await fake.sendCommand({ name: 'boom' }).callback());
    expect(data.flags).toBe(64);
    const reference = /`(E[0-9A-F]{8})`/.exec(data.content ?? '')?.[1];
    expect(reference).toBeDefined();
    expect(logs.find((line) => line.reference === reference && line.msg === 'command failed')).toBeDefined();
  });

  it('given a reply over Discord’s limits, then the formatter trims it and Discord accepts it', async () => {
    const { fake } = await startHarness({}, { commands: [huge] });
    const callback = await fake.sendCommand({ name: 'huge' }).callback();
    expect(callback.status).toBe(204);
  });

  it('given a command slower than the defer threshold, then it is deferred in time and the answer edits the original', async () => {
    const { fake } = await startHarness({}, { commands: [slow], autoDeferMs: 100 });
    const handle = fake.sendCommand({ name: 'slow' });
    expect((await handle.callback()).type).toBe(5);
    const message = await handle.message({ until: (m) => m.content === 'done at last' });
    expect(message.content).toBe('done at last');
  });

  it('given an interaction is handled, then the log has one line with its command, outcome and latency', async () => {
    const { fake, logs } = await startHarness();
    const handle = fake.sendCommand({ name: 'quote', options: { query: 'Lutnick' } });
    await handle.callback();
    await vi.waitFor(() => {
      expect(logs.find((line) => line.interaction === handle.id)).toMatchObject({ msg: 'interaction handled', command: 'quote', outcome: 'ok', type: 'command' });
    });
    expect(typeof logs.find((line) => line.interaction === handle.id)?.latencyMs).toBe('number');
  });
});

describe('operations', () => {
  const slow = slowCommand('finished before shutdown');

  it('given HEALTH_PORT, then /healthz is 200 while connected and /metrics counts the interactions', async () => {
    const { fake, bot } = await startHarness({ HEALTH_PORT: '0' });
    await fake.sendCommand({ name: 'quote', options: { query: 'Lutnick' } }).callback();
    const url = bot.health?.url ?? '';
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    await vi.waitFor(async () => {
      expect(await (await fetch(`${url}/metrics`)).text()).toContain('newsdesk_interactions_total{type="command",command="quote",outcome="ok"} 1');
    });
  });

  it('given a stop while a command is in flight, then the command is answered before the gateway closes', async () => {
    const { fake, bot } = await startHarness({}, { commands: [slow], autoDeferMs: 5000 });
    const handle = fake.sendCommand({ name: 'slow' });
    await vi.waitFor(() => {
      expect(bot.router.pending).toBe(1);
    });
    await stopBot(bot);
    const callback = await handle.callback();
    expect(callback).toMatchObject({ type: 4, status: 204, data: { content: 'finished before shutdown' } });
    expect(fake.readyShards.size).toBe(0);
  });
});

describe('the bot as a process', () => {
  it('given DISCORD_TOKEN and DISCORD_API_URL, then `npm start` serves commands and exits 0 on SIGTERM', async () => {
    const fake = await startFake();
    const { child } = spawnBot(botEnv(fake));
    await fake.waitForShards(1, { timeoutMs: 15_000 });
    const callback = await fake.sendCommand({ name: 'quote', options: { query: 'Lutnick' } }).callback({ timeoutMs: 5000 });
    expect(dataOf(callback).embeds?.[0]?.author?.name).toBe('Howard Lutnick — U.S. Secretary of Commerce');
    child.kill('SIGTERM');
    expect(await exitCode(child)).toBe(0);
  });

  it('given a wrong token, then `npm start` exits non-zero with one clear line', async () => {
    const fake = await startFake();
    const { child, output } = spawnBot(botEnv(fake, { DISCORD_TOKEN: 'not-the-token' }));
    expect(await exitCode(child)).toBe(1);
    const lines = output().stderr.trim().split('\n');
    expect(lines).toEqual([expect.stringMatching(/^Discord rejected DISCORD_TOKEN \(401 Unauthorized\)/)]);
  });

  it('given a malformed setting, then `npm start` exits non-zero naming the variable', async () => {
    const { child, output } = spawnBot({ DISCORD_GUILD_ID: 'nope' });
    expect(await exitCode(child)).toBe(1);
    expect(output().stderr.trim()).toBe('Config error: DISCORD_GUILD_ID must be a Discord id (17 to 20 digits) (got "nope")');
  });

  it('given `npm run deploy` with DISCORD_GUILD_ID, then every command of commands/index.ts is registered to that server, which owns the data', async () => {
    const fake = await startFake();
    const { child, output } = spawnBot(botEnv(fake, { DISCORD_GUILD_ID: fake.guildId, DATA_GUILD_IDS: '' }), ['src/discord/deploy-cli.ts']);
    expect(await exitCode(child)).toBe(0);
    const names = commands.map((command) => command.data.name);
    expect(fake.registeredCommands(fake.guildId).map((command) => command.name)).toEqual(names);
    expect(fake.requests.filter((request) => request.method === 'PUT')).toHaveLength(1);
    expect(output().stdout).toContain(`Registered ${String(names.length)} commands to server ${fake.guildId}`);
    expect(output().stdout).toContain(`Add to your account: https://discord.com/oauth2/authorize?client_id=${fake.applicationId}&integration_type=1&scope=applications.commands`);
  });

  it('given `npm run deploy` with DATA_GUILD_IDS and no test server, then lookups are global and /data exists only in the home servers', async () => {
    const fake = await startFake();
    const homes = ['1100000000000000021', '1100000000000000022'];
    const { child, output } = spawnBot(botEnv(fake, { DATA_GUILD_IDS: homes.join(',') }), ['src/discord/deploy-cli.ts']);
    expect(await exitCode(child)).toBe(0);
    const lookups = commands.filter((command) => !command.moderatorOnly).map((command) => command.data.name);
    expect(fake.registeredCommands().map((command) => command.name)).toEqual(lookups);
    for (const home of homes) expect(fake.registeredCommands(home).map((command) => command.name)).toEqual(['data']);
    expect(fake.registeredCommands(fake.guildId)).toEqual([]);
    expect(output().stdout).toContain('globally');
  });

  it('given `npm run deploy` with no home server at all, then /data is registered nowhere and the output says how to enable it', async () => {
    const fake = await startFake();
    const { child, output } = spawnBot(botEnv(fake, { DATA_GUILD_IDS: '' }), ['src/discord/deploy-cli.ts']);
    expect(await exitCode(child)).toBe(0);
    expect(fake.registeredCommands().map((command) => command.name)).not.toContain('data');
    expect(output().stdout).toContain(DATA_HOME_HINT);
  });
});
