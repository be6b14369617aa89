export { isFresh, SERVER_BUNDLE } from './dist.mjs';
export declare function ensureServerBundle(options?: { force?: boolean }): Promise<string>;
