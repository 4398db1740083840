// copis's parser gives a name, a reference or an enumerated value of one token as that token's leaf, where
// Langium's puts a composite node of its datatype rule around it (parser/copis-parser.ts). Everything the
// editor and the CLI read from the trees must not notice: every feature, at every offset, answers on copis's
// trees as on Langium's (built from the same services, only the parse results swapped).
import { CstUtils, EmptyFileSystem, URI, isCompositeCstNode, type LangiumDocument, type Mutable } from 'langium';
import { describe, expect, test } from 'vitest';
import { createBraceAwareParser } from '../../../language-server/parser/brace-aware-recovery.js';
import { CopisParser } from '../../../language-server/parser/copis-parser.js';
import { createCopisLspServices, type CopisLspServices } from '../../../language-server/lsp/copis-lsp-services.js';
import { exampleWorkspaces } from '../fuzz/corpus.js';

/** Qualified references (with a comment inside one), enum words as names, a doc comment. */
const NAMES = `/** The buyer. */
customer Shopper "Shopper" { value high  clv 10 EUR }
customer email "A customer named like a channel" { value low }
system web "Web" { type web }
journey Shop "Shop" {
  customers Shopper, email
  objective Keep "Keep" { for Shopper  kpi OnTime "On time" { metric percent  current 90%  target >= 95% } }
  process high "A process named like a tier" { lane frontstage  systems web }
  stage Buy "Buy" { category purchase
    touchpoint Checkout "Checkout" { channel web  processes high  systems web }
    touchpoint mobile "Mobile" { channel mobile }
  }
  moment Paid "Paid" { at Checkout  kind first  polarity positive  impact high  kpis Shop . /* the KPI */ OnTime, Shop.OnTime }
  pain Slow "Slow" { at Buy  severity medium }
  opportunity Faster "Faster" { addresses Slow, Paid  improves Shop.OnTime  effort low  status idea }
}
`;

/** Broken texts: missing values and names, a qualified name cut short, a stray block. */
const BROKEN = `journey J "J" {
  stage S { touchpoint T { channel  processes J. } }
  moment M { at J.  kind  polarity mixed kpis J.K, , X. }
  objective O { kpi K { target >= } }
}
customer { value }
system Sys "S" { type crm approved }
}}} journey J2 . K { stage S { category nowhere touchpoint { } } "
`;

/** Each workspace, and whether its features are asked at every offset (else at every token, see `probes`). */
const workspaces: [Record<string, string>, boolean][] = [
    [{ 'names.copis': NAMES, 'broken.copis': BROKEN }, true],
    ...exampleWorkspaces.map((files): [Record<string, string>, boolean] => [Object.fromEntries(files.map(f => [f.name.replace(/\//g, '_'), f.text])), false])
];

/**
 * The offsets to ask at: all, or where each word and each other token starts and ends and a word's middle;
 * completion (which parses the declaration around the cursor each time) at the end of each word only.
 */
function probes(text: string, everyOffset: boolean): { offset: number; completion: boolean }[] {
    if (everyOffset) return Array.from({ length: text.length + 1 }, (_, offset) => ({ offset, completion: true }));
    const out = new Map<number, boolean>();
    for (const match of text.matchAll(/\w+|[^\w\s]/g)) {
        const end = match.index + match[0].length;
        out.set(match.index, out.get(match.index) ?? false).set(match.index + (match[0].length >> 1), false).set(end, out.get(end) || /\w/.test(match[0]));
    }
    return [...out].map(([offset, completion]) => ({ offset, completion }));
}

function compositeNodes(document: LangiumDocument): number {
    return CstUtils.streamCst(document.parseResult.value.$cstNode!).filter(isCompositeCstNode).count();
}

interface Side {
    Copis: CopisLspServices;
    documents: LangiumDocument[];
}

/** `files` as one workspace, built and validated; with `langiums`, every document parsed by Langium's own parser. */
async function side(files: Record<string, string>, langiums: boolean): Promise<Side> {
    const { shared, Copis } = createCopisLspServices({ connection: undefined, ...EmptyFileSystem });
    const langiumParser = createBraceAwareParser(Copis);
    const documents = Object.entries(files).map(([name, text]) => {
        const document = shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse(`file:///ws/${name}`)) as Mutable<LangiumDocument>;
        if (langiums) {
            document.parseResult = langiumParser.parse(text);
            (document.parseResult.value as Mutable<typeof document.parseResult.value>).$document = document;
        }
        shared.workspace.LangiumDocuments.addDocument(document);
        return document;
    });
    await shared.workspace.DocumentBuilder.build(documents, { validation: true });
    return { Copis, documents };
}

/** What every feature says about `document` (the whole file, then at every offset), as plain data. */
async function answers({ Copis }: Side, document: LangiumDocument, everyOffset: boolean): Promise<unknown[]> {
    const lsp = Copis.lsp;
    const textDocument = { uri: document.uri.toString() };
    const diagnostics = document.diagnostics ?? [];
    const out: unknown[] = [
        diagnostics,
        await lsp.DocumentSymbolProvider!.getSymbols(document, { textDocument }),
        (await lsp.SemanticTokenProvider!.semanticHighlight(document, { textDocument })).data, // (not its resultId: a time)
        await lsp.FoldingRangeProvider!.getFoldingRanges(document, { textDocument }),
        await lsp.CodeLensProvider!.provideCodeLens(document, { textDocument }),
        await lsp.Formatter!.formatDocument(document, { textDocument, options: { tabSize: 2, insertSpaces: true } })
    ];
    for (const diagnostic of diagnostics) {
        out.push(await lsp.CodeActionProvider!.getCodeActions(document, { textDocument, range: diagnostic.range, context: { diagnostics: [diagnostic] } }));
    }
    const text = document.textDocument.getText();
    for (const { offset, completion } of probes(text, everyOffset)) {
        const params = { textDocument, position: document.textDocument.positionAt(offset) };
        out.push(
            offset,
            completion && await lsp.CompletionProvider!.getCompletion(document, params),
            await lsp.HoverProvider!.getHoverContent(document, params),
            await lsp.DefinitionProvider!.getDefinition(document, params),
            await lsp.ReferencesProvider!.findReferences(document, { ...params, context: { includeDeclaration: true } }),
            await lsp.DocumentHighlightProvider!.getDocumentHighlight(document, params),
            await lsp.RenameProvider!.prepareRename(document, params),
            await lsp.RenameProvider!.rename(document, { ...params, newName: 'Fresh' })
        );
    }
    return out;
}

describe("the features on copis's trees", () => {
    test("answer as on Langium's trees, at every offset (at every token in the examples), on the examples, qualified names, enum words as names and broken text", async () => {
        for (const [files, everyOffset] of workspaces) {
            const ours = await side(files, false);
            const theirs = await side(files, true);
            expect(ours.Copis.parser.LangiumParser).toBeInstanceOf(CopisParser);
            for (let i = 0; i < ours.documents.length; i++) {
                const name = ours.documents[i].uri.path;
                expect(compositeNodes(ours.documents[i]), name).toBeLessThan(compositeNodes(theirs.documents[i]));
                expect(await answers(ours, ours.documents[i], everyOffset), name).toEqual(await answers(theirs, theirs.documents[i], everyOffset));
            }
        }
    }, 300_000);
});
