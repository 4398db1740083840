/**
 * The diagram's colours. Every colour in the SVG is one of these, written as
 * `var(--copis-NAME, var(--vscode-..., #light))`: the preview follows the VS Code theme
 * (light, dark, high contrast) through its CSS variables, a page may set `--copis-*` to
 * restyle, and anywhere else (a file opened in a browser) the light default applies.
 * `resolved` mode writes the light default alone, for renderers without CSS variables.
 */
export type Colour =
    | 'fg' | 'muted' | 'bg' | 'surface' | 'border' | 'rule' | 'stripe'
    | 'positive' | 'negative' | 'mixed' | 'neutral' | 'accent' | 'objective' | 'pain' | 'opportunity';

interface ColourDef {
    vscode?: string;
    light: string;
}

export const PALETTE: Record<Colour, ColourDef> = {
    fg: { vscode: 'editor-foreground', light: '#1f2328' },
    muted: { vscode: 'descriptionForeground', light: '#59636e' },
    bg: { vscode: 'editor-background', light: '#ffffff' },
    surface: { vscode: 'editorWidget-background', light: '#f6f8fa' },
    border: { vscode: 'editorWidget-border', light: '#b6bec8' },
    rule: { vscode: 'editorIndentGuide-background1', light: '#d0d7de' },
    stripe: { vscode: 'editor-foreground', light: '#1f2328' },
    positive: { vscode: 'charts-green', light: '#2e7d32' },
    negative: { vscode: 'charts-red', light: '#c62828' },
    mixed: { vscode: 'charts-orange', light: '#e37400' },
    neutral: { vscode: 'descriptionForeground', light: '#6e7781' },
    accent: { vscode: 'charts-blue', light: '#1565c0' },
    objective: { vscode: 'charts-purple', light: '#6f42c1' },
    pain: { vscode: 'charts-red', light: '#c62828' },
    opportunity: { vscode: 'charts-blue', light: '#1565c0' }
};

export type ColourMode = 'themed' | 'resolved';

/** The paint value of a colour: a CSS variable chain with a light fallback, or the fallback alone. */
export function paint(colour: Colour, mode: ColourMode): string {
    const def = PALETTE[colour];
    if (mode === 'resolved') return def.light;
    const inner = def.vscode ? `var(--vscode-${def.vscode}, ${def.light})` : def.light;
    return `var(--copis-${colour}, ${inner})`;
}

/** Metric-compatible fonts first (the text measurement assumes Helvetica / Arial advances). */
export const FONT_FAMILY = "Helvetica, Arial, 'Liberation Sans', sans-serif";
