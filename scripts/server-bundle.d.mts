export declare const SERVER_BUNDLE: string;
export declare function isFresh(options: { meta: string; outputs: string[]; alsoInputs?: string[]; expect?: Record<string, unknown> }): boolean;
export declare function ensureServerBundle(): Promise<string>;
