// `npm run deploy`: registers the commands of commands/index.ts and prints what was registered.
import { commands } from '../../commands/index.ts';
import { ConfigError, loadConfig, readEnvironment } from '../config.ts';
import { describeLoginError } from './client.ts';
import { deployCommands } from './deploy.ts';

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
  const where = config.guildId ? `to guild ${config.guildId} (available now)` : 'globally (they may take up to an hour to appear)';
  try {
    const registered = await deployCommands(
      { token: config.token, clientId: config.clientId, guildId: config.guildId, apiUrl: config.apiUrl },
      commands,
    );
    console.log(`Registered ${registered.length} commands ${where}: ${registered.map((command) => `/${command.name}`).join(', ')}`);
    return 0;
  } catch (error) {
    console.error(`Deploy failed: ${describeLoginError(error)}`);
    return 1;
  }
}

process.exitCode = await deploy();
