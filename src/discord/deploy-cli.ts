// `npm run deploy`: registers the commands of commands/index.ts and prints what was registered.
import { commands } from '../../commands/index.ts';
import { ConfigError, loadConfig, readEnvironment } from '../config.ts';
import { describeLoginError } from './client.ts';
import { DATA_HOME_HINT } from '../messages.ts';
import { deployCommands, installLinks, planDeployment } from './deploy.ts';

async function deploy(): Promise<number> {
  let config;
  try {
    config = loadConfig(readEnvironment());
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Config error: ${error.message}`);
      return 1;
    }
    throw error;
  }
  if (!config.token || !config.clientId) {
    const missing = [!config.token && 'DISCORD_TOKEN', !config.clientId && 'DISCORD_CLIENT_ID'].filter(Boolean).join(' and ');
    console.error(`Config error: ${missing} must be set to deploy (see .env.example).`);
    return 1;
  }
  const plan = planDeployment(config, commands);
  try {
    const results = await deployCommands({ token: config.token, clientId: config.clientId, apiUrl: config.apiUrl }, plan);
    for (const { deployment, registered } of results) {
      const where = deployment.guildId ? `to server ${deployment.guildId} (available now)` : 'globally (they may take up to an hour to appear)';
      console.log(`Registered ${String(registered.length)} commands ${where}: ${registered.map((command) => `/${command.name}`).join(', ')}`);
    }
    if (config.dataGuildIds.length === 0) console.log(DATA_HOME_HINT);
    for (const line of installLinks(config.clientId)) console.log(line);
    return 0;
  } catch (error) {
    console.error(`Deploy failed: ${describeLoginError(error)}`);
    return 1;
  }
}

process.exitCode = await deploy();
