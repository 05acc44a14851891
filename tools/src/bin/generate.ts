/** `npm run generate`: regenerate packages/codes/src/generated from registry-sources/. */
import { defaultPaths, display } from '../paths.js';
import { formatProblem } from '../problems.js';
import { generate } from '../generate.js';

const paths = defaultPaths();
try {
  const { model, files, changed, notes } = await generate(paths, { mirror: process.env.MAILSTATUS_MIRROR || undefined });
  console.log(
    `${changed ? 'wrote' : 'unchanged:'} ${files.length} files in ${display(paths.root, paths.outDir)} ` +
      `(${model.entries.length} registry entries, ${model.replyCodes.length} reply codes, registry updated ${model.updated})`,
  );
  for (const n of notes) console.warn(`generate: note: ${n}`);
  for (const w of model.warnings) console.warn(`generate: warning: ${formatProblem(w)}`);
} catch (e) {
  console.error(`generate: ${(e as Error).message}`);
  process.exitCode = 1;
}
