// Two bot processes on one data directory, each importing an article that adds the same entity id. Both previews pass
// against their own memory; before the compare-and-set, both commits went through, the files held a duplicate id and
// the next start refused to load. Now one applies and the other is told that the data changed.
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { BUNDLED_DATA_DIR, loadConfig } from '../../src/config.ts';
import { raceToConfirm, writeRaceArticles } from './fixtures/race.ts';
import { killAllFixtures } from './fixtures/processes.ts';

const dirs: string[] = [];
afterEach(async () => {
  await killAllFixtures();
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('two processes importing at once on one DATA_DIR', () => {
  it('given two imports adding the same entity id, then one applies, the other is told the data changed, and the data still loads', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'newsdesk-race-'));
    dirs.push(dataDir);
    await cp(path.join(BUNDLED_DATA_DIR, 'articles'), path.join(dataDir, 'articles'), { recursive: true });
    const uploads = await writeRaceArticles(dataDir);

    const [applied, stale] = await raceToConfirm(dataDir, uploads, {});

    expect(applied.kind).toBe('applied');
    expect(stale).toEqual({ kind: 'stale', since: applied.serving, serving: applied.serving });
    const app = await createApp(loadConfig({ DATA_DIR: dataDir }), pino({ level: 'silent' }));
    await app.dataAdmin.stop();
    expect(app.live.current.dataset.version).toBe(applied.serving);
    expect(app.live.current.dataset.entities.filter((entity) => entity.id === 'aigerim-racer')).toHaveLength(1);
    const audit = (await readFile(path.join(dataDir, '.state', 'audit.log'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as { action: string; outcome: string });
    expect(audit.filter((entry) => entry.action === 'confirm').map((entry) => entry.outcome).sort()).toEqual(['applied', 'committing', 'committing', 'stale']);
  });
});
