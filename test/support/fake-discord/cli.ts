// `npm run fake-discord`: a fake Discord started by hand, to run the real bot against it and talk to it by typing.
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { commands } from '../../../commands/index.ts';
import { definitionOptions } from '../../../src/interaction/types.ts';
import { FakeDiscord } from './index.ts';

const { values } = parseArgs({ options: { port: { type: 'string', default: '8787' }, token: { type: 'string', default: 'x' }, shards: { type: 'string', default: '1' } } });
const fake = await FakeDiscord.start({ port: Number(values.port), token: values.token, shardCount: Number(values.shards), waitTimeoutMs: 10_000 });

console.log(`Fake Discord on ${fake.apiUrl} (token "${fake.token}", application ${fake.applicationId}, guild ${fake.guildId}).
Start the bot against it in another terminal:

  DISCORD_TOKEN=${fake.token} DISCORD_API_URL=${fake.apiUrl} DISCORD_CLIENT_ID=${fake.applicationId} npm start

Then type a command here, e.g. /quote Tokayev or /deal query:boeing; "click <custom_id>" presses a button of the last
reply; "commands" lists what npm run deploy registered. Ctrl-D stops.`);

let last: Awaited<ReturnType<ReturnType<FakeDiscord['sendCommand']>['message']>> | undefined;
const lines = createInterface({ input: process.stdin, terminal: false });
for await (const line of lines) {
  const text = line.trim();
  try {
    if (!text) continue;
    if (text === 'commands') {
      console.log(fake.registeredCommands(fake.guildId).map((command) => `/${command.name}`).join(' ') || '(none registered to the guild)');
      continue;
    }
    if (text.startsWith('click ')) {
      if (!last) throw new Error('no reply to click on yet');
      const handle = await fake.clickButton(last, text.slice(6).trim());
      console.log(JSON.stringify((await handle.callback()).data, null, 2));
      last = await handle.message();
      continue;
    }
    const [name = '', ...rest] = text.replace(/^\//, '').split(/\s+/);
    const definition = commands.find((command) => command.data.name === name)?.data;
    const option = definition ? definitionOptions(definition)[0]?.name : undefined;
    const body = rest.join(' ');
    const pairs: [string, string][] = [...body.matchAll(/(\w+):(\S+(?:\s+(?!\w+:)\S+)*)/g)].map((match) => [match[1] ?? '', match[2] ?? '']);
    const options: Record<string, string> = Object.fromEntries(pairs.length > 0 ? pairs : option && body ? [[option, body]] : []);
    const handle = fake.sendCommand({ name, options });
    const callback = await handle.callback();
    console.log(callback.error ? `Discord refused the reply: ${JSON.stringify(callback.error)}` : JSON.stringify(callback.data, null, 2));
    last = callback.error ? last : await handle.message();
  } catch (error) {
    console.log(error instanceof Error ? error.message : String(error));
  }
}
await fake.close();
