/**
 * The capabilities the API exposes, passed in by whoever builds the server. Routes call these
 * modules' public APIs and never re-implement their logic.
 */
export type ApiServices = Record<string, never>;
