// Types for workflow.mjs (the action's plain JavaScript), for the tests that import it.
export class ActionError extends Error {}
export function fail(message: string): never;
export function escapeData(text: string): string;
export function escapeMarkdown(text: string): string;
export function logText(text: string): string;
export function log(line: string): void;
export function setOutput(name: string, value: string): void;
export function appendSummary(text: string): void;
export function workspace(): string;
export function inWorkspace(path: string): string;
