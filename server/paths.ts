import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The nearest folder at or above `from` that holds a package.json. */
function packageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

/**
 * The repository's root, wherever this code runs from: server/ under tsx (tests), or the
 * bundle in dist/server/ that `npm start` runs (scripts/server-bundle.mjs).
 */
export const ROOT = packageRoot(import.meta.dirname);

/** Where scripts/build.ts writes the browser bundles. */
export const DIST_DIR = join(ROOT, 'dist');
