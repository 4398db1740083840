// Types of generate.mjs, for the tests that parse its workspaces (test/language-server/parser/copis-parser.test.ts).
export declare const DECLARATIONS_PER_JOURNEY: number;
export declare function generateWorkspace(dir: string, total: number, options?: { singleFile?: boolean }): { declarations: number; files: number };
export declare function generateSameName(dir: string, copies: number, options?: { files?: number }): { declarations: number; files: number; paths: string[] };
export declare function mergeJourneys(dir: string, count: number): { path: string; text: string };
