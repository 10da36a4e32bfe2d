// `npm run data:schema`: regenerates data/schema.json from the zod schema (a test fails when it is stale).
import { writeFile } from 'node:fs/promises';
import { articleJsonSchema } from './schema.ts';

const target = process.argv[2] ?? 'data/schema.json';
await writeFile(target, `${JSON.stringify(articleJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target}`);
