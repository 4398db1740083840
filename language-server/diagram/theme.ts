/**
 * The diagram's colours, per theme kind. Every colour in the SVG is one of these, written as
 * `var(--copis-NAME, #light)` — or `var(--copis-NAME, var(--vscode-..., #light))` for the few
 * that follow the editor theme (text, background, cards). The preview sets `--copis-*` for the
 * theme kind VS Code is in (light, dark, high contrast, high contrast light: `themeVariables`),
 * a page may set them to restyle, and anywhere else (a file opened in a browser) the light
 * colours apply. `resolved` mode writes the light colours alone, for renderers without CSS
 * variables.
 *
 * The signal colours (positive, negative, ...) are our own in every theme, not the theme's
 * `charts-*` colours, which are not made for text: each is at least 4.5:1 against the
 * background and the cards of its theme (test/language-server/diagram/contrast.test.ts
 * computes it from the SVG). Colour never carries a signal alone: a shape, glyph or word does too.
 */
export type Colour =
    | 'fg' | 'muted' | 'bg' | 'surface' | 'border' | 'rule' | 'stripe' | 'line'
    | 'positive' | 'negative' | 'mixed' | 'neutral' | 'accent' | 'objective' | 'pain' | 'opportunity';

export type ThemeKind = 'light' | 'dark' | 'highContrast' | 'highContrastLight';

export const THEME_KINDS: readonly ThemeKind[] = ['light', 'dark', 'highContrast', 'highContrastLight'];

/** The colours that follow the editor theme: the VS Code variable each reads first. */
export const FOLLOWS_EDITOR: Partial<Record<Colour, string>> = {
    fg: 'editor-foreground',
    muted: 'descriptionForeground',
    bg: 'editor-background',
    surface: 'editorWidget-background'
};

/** Each theme kind's colours; for those that follow the editor, VS Code's default theme's. */
export const THEMES: Record<ThemeKind, Record<Colour, string>> = {
    light: {
        fg: '#1f2328', muted: '#59636e', bg: '#ffffff', surface: '#f6f8fa', border: '#818b98', rule: '#d0d7de', stripe: '#1f2328', line: '#59636e',
        positive: '#16692f', negative: '#b42329', mixed: '#855700', neutral: '#59636e', accent: '#0a5cc2', objective: '#7346c8',
        pain: '#b42329', opportunity: '#0a5cc2'
    },
    dark: {
        fg: '#cccccc', muted: '#9d9d9d', bg: '#1f1f1f', surface: '#202020', border: '#7d8590', rule: '#3d444d', stripe: '#cccccc', line: '#9d9d9d',
        positive: '#3fb950', negative: '#ff7b72', mixed: '#d29922', neutral: '#9198a1', accent: '#4c9bff', objective: '#b08cf9',
        pain: '#ff7b72', opportunity: '#4c9bff'
    },
    highContrast: {
        fg: '#ffffff', muted: '#d0d0d0', bg: '#000000', surface: '#0c141f', border: '#6fc3df', rule: '#6fc3df', stripe: '#ffffff', line: '#ffffff',
        positive: '#7ee787', negative: '#ff9492', mixed: '#f2cc60', neutral: '#d1d7e0', accent: '#79c0ff', objective: '#d2a8ff',
        pain: '#ff9492', opportunity: '#79c0ff'
    },
    highContrastLight: {
        fg: '#292929', muted: '#3b3b3b', bg: '#ffffff', surface: '#ffffff', border: '#0f4a85', rule: '#0f4a85', stripe: '#292929', line: '#292929',
        positive: '#055d20', negative: '#a40e26', mixed: '#702c00', neutral: '#3b3b3b', accent: '#0349b4', objective: '#622cbc',
        pain: '#a40e26', opportunity: '#0349b4'
    }
};

export const COLOURS = Object.keys(THEMES.light) as Colour[];

export type ColourMode = 'themed' | 'resolved';

/** The paint value of a colour: a CSS variable chain with a light fallback, or the fallback alone. */
export function paint(colour: Colour, mode: ColourMode): string {
    const light = THEMES.light[colour];
    if (mode === 'resolved') return light;
    const editor = FOLLOWS_EDITOR[colour];
    return `var(--copis-${colour}, ${editor ? `var(--vscode-${editor}, ${light})` : light})`;
}

/** The `--copis-*` values for a theme kind: what the preview sets on its page. */
export function themeVariables(kind: ThemeKind): Record<string, string> {
    const out: Record<string, string> = {};
    for (const colour of COLOURS) {
        const value = THEMES[kind][colour];
        const editor = FOLLOWS_EDITOR[colour];
        out[`--copis-${colour}`] = editor ? `var(--vscode-${editor}, ${value})` : value;
    }
    return out;
}

/** The theme kind of a VS Code webview, from the class VS Code puts on its body. */
export function themeKindOf(bodyClasses: Iterable<string>): ThemeKind {
    const classes = new Set(bodyClasses);
    if (classes.has('vscode-high-contrast-light')) return 'highContrastLight';
    if (classes.has('vscode-high-contrast')) return 'highContrast';
    if (classes.has('vscode-dark')) return 'dark';
    return 'light';
}

/** Metric-compatible fonts first (the text measurement assumes Helvetica / Arial advances). */
export const FONT_FAMILY = "Helvetica, Arial, 'Liberation Sans', sans-serif";
