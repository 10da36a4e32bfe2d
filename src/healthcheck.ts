// `node dist/src/healthcheck.js`: exits 0 when this bot's /healthz answers 200, else 1 with one line saying why.
// The container's HEALTHCHECK; it reads the same settings as the bot (HEALTH_PORT, HEALTH_HOST).
import { ConfigError, loadConfig, readEnvironment } from './config.ts';
import { operatorMessages } from './operator-messages.ts';

const PROBE_TIMEOUT_MS = 4000;

/** Asks /healthz of the bot these settings describe; resolves with the exit code. */
async function checkHealth(env: NodeJS.ProcessEnv, stderr: NodeJS.WritableStream): Promise<number> {
  let url: string;
  try {
    const config = loadConfig(env);
    // HEALTH_PORT, or in HTTP interactions mode the endpoint's own port, which serves /healthz too.
    const target = config.healthPort !== undefined ? { host: config.healthHost, port: config.healthPort } : config.interactions;
    if (target === undefined) return fail(stderr, operatorMessages.healthPortUnset);
    // A server bound to every address is reached on loopback.
    const host = ['0.0.0.0', '::'].includes(target.host) ? '127.0.0.1' : target.host;
    url = `http://${host.includes(':') ? `[${host}]` : host}:${String(target.port)}/healthz`;
  } catch (error) {
    if (error instanceof ConfigError) return fail(stderr, `Config error: ${error.message}`);
    throw error;
  }
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    const body = await response.text();
    return response.ok ? 0 : fail(stderr, operatorMessages.unhealthy(url, response.status, body));
  } catch (error) {
    return fail(stderr, operatorMessages.healthUnreachable(url, error instanceof Error ? error.message : String(error)));
  }
}

function fail(stderr: NodeJS.WritableStream, line: string): number {
  stderr.write(`${line}\n`);
  return 1;
}

process.exitCode = await checkHealth(readEnvironment(), process.stderr);
