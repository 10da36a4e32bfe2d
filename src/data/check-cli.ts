// `npm run data:check [dir]`: validates a data directory and prints each problem as `file: json.path: message`.
import { loadDataDirectory } from './load.ts';
import { formatProblem } from './validate.ts';
import { countEntries } from './dataset.ts';

const dataDir = process.argv[2] ?? process.env.DATA_DIR ?? 'data';
const result = await loadDataDirectory(dataDir);
if (result.ok) {
  const counts = countEntries(result.dataset);
  console.log(
    `${dataDir}: ok (version ${result.dataset.version}): ${counts.sources} sources, ${counts.entities} people and organisations, ` +
      `${counts.quotes} quotes, ${counts.deals} deals, ${counts.facts} facts`,
  );
} else {
  for (const problem of result.problems) console.error(formatProblem(problem));
  console.error(`${dataDir}: ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}`);
  process.exitCode = 1;
}
