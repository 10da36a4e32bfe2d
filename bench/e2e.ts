// `npm run bench:e2e`: interactions through the fake Discord and the real discord.js client, dispatch to callback.
import { parseArgs } from 'node:util';
import pino from 'pino';
import { loadConfig } from '../src/config.ts';
import { startDiscordBot } from '../src/discord/bot.ts';
import { FakeDiscord } from '../test/support/fake-discord/index.ts';
import type { InteractionHandle } from '../test/support/fake-discord/types.ts';

const { values } = parseArgs({ options: { n: { type: 'string', default: '2000' }, concurrency: { type: 'string', default: '32' } } });
const total = Number(values.n);
const concurrency = Number(values.concurrency);

const QUERIES = ['Tokayev', 'Lutnick', 'tokaev', 'boeing', 'kazakhstan', 'Токаев', 'umarov', 'trump route', 'chips', 'human rights'];
type Scenario = { readonly name: string; readonly send: (fake: FakeDiscord, i: number) => InteractionHandle };
const SCENARIOS: readonly Scenario[] = [
  { name: '/quote', send: (fake, i) => fake.sendCommand({ name: 'quote', options: { query: QUERIES[i % QUERIES.length] ?? '' } }) },
  { name: '/deal', send: (fake, i) => fake.sendCommand({ name: 'deal', options: { query: QUERIES[(i + 3) % QUERIES.length] ?? '' } }) },
  {
    name: 'autocomplete',
    send: (fake, i) => {
      const word = QUERIES[i % QUERIES.length] ?? '';
      return fake.sendAutocomplete({ name: 'quote', options: { query: word.slice(0, 2 + (i % Math.max(1, word.length - 1))) }, focused: 'query' });
    },
  },
];

function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

/** Sends one interaction and resolves with the milliseconds from dispatch to the accepted callback. */
async function timed(fake: FakeDiscord, scenario: Scenario, i: number): Promise<number> {
  const started = performance.now();
  const handle = scenario.send(fake, i);
  const callback = await handle.callback({ timeoutMs: 5000 });
  if (callback.status >= 300) throw new Error(`${scenario.name} refused: ${JSON.stringify(callback.error)}`);
  return performance.now() - started;
}

const fake = await FakeDiscord.start({ waitTimeoutMs: 5000 });
const bot = await startDiscordBot(loadConfig({ DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl, COOLDOWN_SECONDS: '0' }), pino({ level: 'silent' }));
try {
  console.log(`${total.toLocaleString('en-US')} interactions per scenario; latency one at a time, throughput with ${String(concurrency)} in flight.\n`);
  console.log('| scenario | p50 (ms) | p95 (ms) | p99 (ms) | interactions/s |');
  console.log('|---|---:|---:|---:|---:|');
  for (const scenario of SCENARIOS) {
    for (let i = 0; i < 200; i++) await timed(fake, scenario, i);
    const samples: number[] = [];
    for (let i = 0; i < total; i++) samples.push(await timed(fake, scenario, i));
    samples.sort((a, b) => a - b);
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < total) await timed(fake, scenario, next++);
      }),
    );
    const perSecond = (total * 1000) / (performance.now() - started);
    console.log(`| ${scenario.name} | ${percentile(samples, 0.5).toFixed(2)} | ${percentile(samples, 0.95).toFixed(2)} | ${percentile(samples, 0.99).toFixed(2)} | ${perSecond.toFixed(0)} |`);
  }
} finally {
  await bot.stop();
  await fake.close();
}
