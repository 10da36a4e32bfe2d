// A generated archive (bench/synthetic.ts) validated into a dataset, for tests that need more entries than the bundled article.
import { generateDataset, rawFiles, type SyntheticDataset, type SyntheticOptions } from '../../bench/synthetic.ts';
import type { Dataset } from '../../src/data/dataset.ts';
import { validateArticleFiles } from '../../src/data/validate.ts';

export function generatedArchive(options: SyntheticOptions): { synthetic: SyntheticDataset; dataset: Dataset } {
  const synthetic = generateDataset(options);
  const validated = validateArticleFiles(rawFiles(synthetic));
  if (!validated.ok) throw new Error(`generated data does not validate: ${validated.problems[0]?.message ?? ''}`);
  return { synthetic, dataset: validated.dataset };
}
