import { readFileSync } from 'node:fs';

/**
 * The Node flags `npm start` runs the server with (the `--` words of package.json's start
 * script), so tests and benchmarks that start the server themselves start it the same way.
 */
export const startFlags = (): string[] => {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: { start: string } };
  return pkg.scripts.start.split(/\s+/).filter((word) => word.startsWith('--'));
};
