/**
 * Lets Node run the benchmark's TypeScript files directly (Node 24 strips types) while
 * keeping the repo's import style (`.js` specifiers, NodeNext):
 *  - imports of the package source (`src/**.js`) load the compiled `dist/**.js` instead
 *    (from the run's package snapshot when BENCH_PACKAGE_DIR is set), because src uses
 *    TypeScript syntax type stripping cannot erase (parameter properties) and because
 *    the benchmark should measure what users run;
 *  - a relative `.js` import under test/ that has no `.js` file loads the `.ts` file.
 * Loaded with `node --import ./test/bench/resolve-hook.mjs`; `npm run bench` builds first.
 */
import { existsSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const SRC = new URL('../../src/', import.meta.url).href;
// Read at each resolution: run.ts sets BENCH_PACKAGE_DIR (its package snapshot) after start-up.
const dist = () =>
  process.env.BENCH_PACKAGE_DIR
    ? pathToFileURL(`${process.env.BENCH_PACKAGE_DIR}/dist/`).href
    : new URL('../../dist/', import.meta.url).href;
const TEST = new URL('../', import.meta.url).href;

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (context.parentURL && (specifier.startsWith('./') || specifier.startsWith('../')) && specifier.endsWith('.js')) {
      const target = new URL(specifier, context.parentURL).href;
      if (target.startsWith(SRC)) return nextResolve(dist() + target.slice(SRC.length), context);
      if (target.startsWith(TEST) && !existsSync(fileURLToPath(target))) {
        const ts = target.replace(/\.js$/, '.ts');
        if (existsSync(fileURLToPath(ts))) return nextResolve(ts, context);
      }
    }
    return nextResolve(specifier, context);
  },
});
