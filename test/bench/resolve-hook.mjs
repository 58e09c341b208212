/**
 * Lets Node run the benchmark's TypeScript files directly (Node 24 strips types) while
 * keeping the repo's import style (`.js` specifiers, NodeNext):
 *  - imports of the package source (`src/**.js`) load the compiled `dist/**.js` instead,
 *    because src uses TypeScript syntax type stripping cannot erase (parameter
 *    properties) and because the benchmark should measure what users run;
 *  - a relative `.js` import under test/ that has no `.js` file loads the `.ts` file.
 * Loaded with `node --import ./test/bench/resolve-hook.mjs`; `npm run bench` builds first.
 */
import { existsSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { fileURLToPath } from 'node:url';

const SRC = new URL('../../src/', import.meta.url).href;
const DIST = new URL('../../dist/', import.meta.url).href;
const TEST = new URL('../', import.meta.url).href;

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (context.parentURL && (specifier.startsWith('./') || specifier.startsWith('../')) && specifier.endsWith('.js')) {
      const target = new URL(specifier, context.parentURL).href;
      if (target.startsWith(SRC)) return nextResolve(DIST + target.slice(SRC.length), context);
      if (target.startsWith(TEST) && !existsSync(fileURLToPath(target))) {
        const ts = target.replace(/\.js$/, '.ts');
        if (existsSync(fileURLToPath(ts))) return nextResolve(ts, context);
      }
    }
    return nextResolve(specifier, context);
  },
});
