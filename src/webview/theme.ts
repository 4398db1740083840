/// <reference lib="dom" />
/**
 * The diagram's colours for the theme VS Code is in: VS Code puts the theme kind on the body
 * (`vscode-light`, `vscode-dark`, `vscode-high-contrast`, `vscode-high-contrast-light`) and this
 * sets the diagram's `--copis-*` variables for it (language-server/diagram/theme.ts), again
 * whenever the theme changes. Through the CSSOM, which the page's policy allows.
 */
import { themeKindOf, themeVariables, type ThemeKind } from '../../language-server/diagram/theme.js';

export function followTheme(doc: Document): void {
    let current: ThemeKind | undefined;
    const apply = () => {
        const kind = themeKindOf(doc.body.classList);
        if (kind === current) return;
        current = kind;
        for (const [name, value] of Object.entries(themeVariables(kind))) doc.documentElement.style.setProperty(name, value);
    };
    apply();
    new MutationObserver(apply).observe(doc.body, { attributes: true, attributeFilter: ['class'] });
}
