/** What the language guide says of one diagnostic code (generated into `generated/rule-docs.ts` from docs/language.md). */
export interface RuleDoc {
    /** `error`, `warning` or `information`, as the guide's table gives it. */
    severity: string;
    /** The table's "in short". */
    short: string;
    /** The first paragraph of the code's section, as text. */
    full: string;
    /** The whole section as text, and as Markdown. */
    text: string;
    markdown: string;
}
