/**
 * What the site shows, read once from the loaded model: its journeys (resolved by model/, as the
 * preview and the exports resolve them), customers, KPIs, opportunities, every declaration (for search
 * and the details panel) and the diagnostics, each tied to the declaration it is in. Every fact comes
 * from the journey model or the validator; this module only gathers them and decides where each
 * element is shown (which page). The pages read this and nothing else.
 */
import { CstUtils, type AstNode } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import * as ast from '../../../language-server/generated/ast.js';
import { buildJourneyModel, customerModel, docOf, idOf, objectiveModel } from '../../../language-server/model/build-model.js';
import type { CustomerModel, JourneyModel, KpiModel, MomentModel, ObjectiveModel, OpportunityModel } from '../../../language-server/model/journey-model.js';
import { CATEGORY_RANK } from '../../../language-server/model/lifecycle.js';
import { referrersOf, declarationOf, type Referrer } from '../../../language-server/model/referrers.js';
import { customerAtRisk, type CustomerAtRisk } from '../../../language-server/model/value-at-stake.js';
import { enclosingJourney, journeyMembers, kindOf } from '../../../language-server/references/declarations.js';
import { compareDiagnostics, summarize, toCliDiagnostic, type CliDiagnostic, type Summary } from '../diagnostics.js';
import { label } from '../export/formats/model-text.js';
import type { LoadedModel } from '../load-model.js';
import type { ElementHeading } from '../../site-page/data.js';
import { KPIS_PAGE, elementFragment, uniqueFileNames } from './paths.js';

export interface SiteDiagnostic extends Omit<CliDiagnostic, 'element'> {
    /** The innermost declaration the diagnostic is in (none for a syntax error outside any); for an actuals row's, the KPI the row names. */
    element?: SiteDeclaration;
    /** The KPI an actuals row names when no KPI of its model has that name. */
    kpi?: string;
}

export interface SiteDeclaration extends ElementHeading {
    node: ast.Declaration;
    /** The journey it is declared in. */
    journey?: SiteJourney;
    referrers: Referrer[];
    diagnostics: SiteDiagnostic[];
}

export interface SiteJourney {
    model: JourneyModel;
    /** Its page, from the site's root. */
    page: string;
    declaration: SiteDeclaration;
    /** The diagnostics in the journey (its declaration and its members). */
    diagnostics: SiteDiagnostic[];
}

export interface SiteCustomer {
    model: CustomerModel;
    page: string;
    declaration: SiteDeclaration;
    /** The journeys the customer travels (the journey names them, or one of its touchpoints, moments or objectives does). */
    journeys: SiteJourney[];
    /** The moments of truth on their path. */
    moments: Array<{ moment: MomentModel; journey: SiteJourney }>;
    /** The objectives set `for` them. */
    objectives: ObjectiveModel[];
    /** Their share of what the moments on their path put at risk (model/value-at-stake.ts). */
    atRisk: CustomerAtRisk;
}

export interface SiteKpi {
    kpi: KpiModel;
    objective: ObjectiveModel;
    /** The journeys that own or name it. */
    journeys: SiteJourney[];
    /** Where the KPIs page lists it. */
    href: string;
}

export interface SiteObjective {
    objective: ObjectiveModel;
    /** The journeys that own it or name one of its KPIs. */
    journeys: SiteJourney[];
}

export interface SiteOpportunity {
    opportunity: OpportunityModel;
    journey: SiteJourney;
}

/** A column of the portfolio: a lifecycle category, or the stages without one (`category` undefined). */
export interface CategoryColumn {
    category?: string;
    label: string;
}

export interface SiteModel {
    title: string;
    asOf?: string;
    /** The files it is made of, as every output shows them: the .copis files, then the actuals files its KPIs read. */
    files: string[];
    journeys: SiteJourney[];
    customers: SiteCustomer[];
    /** Every objective declared (journey-local and top-level), in declaration order. */
    objectives: SiteObjective[];
    kpis: SiteKpi[];
    opportunities: SiteOpportunity[];
    /** Every named declaration, in file and declaration order. */
    declarations: SiteDeclaration[];
    /** The declaration behind each AST node. */
    declarationOf(node: ast.Declaration): SiteDeclaration | undefined;
    /** The first declaration of an id (ids repeat only where `duplicate-name` says so). */
    byId(id: string): SiteDeclaration | undefined;
    /** Those of every file the site is made of: its .copis files, the actuals files its KPIs read and the config files. */
    diagnostics: SiteDiagnostic[];
    /** The files and their diagnostics, counted (what the index and the diagnostics page say). */
    summary: Summary;
    /** The portfolio's columns, in lifecycle order: the categories some stage has, then "no category" if a stage has none. */
    columns: CategoryColumn[];
}

export interface SiteModelOptions {
    title?: string;
    asOf?: string;
}

/** Reads the site's facts from a loaded model. */
export function siteModel(loaded: LoadedModel, options: SiteModelOptions = {}): SiteModel {
    const declarations: SiteDeclaration[] = [];
    const byNode = new Map<ast.Declaration, SiteDeclaration>();
    const byId = new Map<string, SiteDeclaration>();
    const referrers = referrersOf(loaded.documents);
    // KPI actuals (language §7): a KPI's latest actual takes the place of its `current` on every page.
    const actualsOf = loaded.services.validation.Actuals.lookup;

    loaded.documents.forEach((document, i) => {
        const file = loaded.sources[i].file;
        const add = (node: ast.Declaration) => {
            if (!node.name) return;
            const d: SiteDeclaration = {
                node, id: idOf(node), kind: kindOf(node), name: node.name, label: label({ name: node.name, title: node.title }),
                referrers: referrers.get(node) ?? [], diagnostics: []
            };
            const doc = docOf(node);
            if (doc) d.doc = doc;
            if (node.$cstNode) d.where = `${file}:${node.$cstNode.range.start.line + 1}`;
            declarations.push(d);
            byNode.set(node, d);
            if (!byId.has(d.id)) byId.set(d.id, d);
        };
        for (const element of (document.parseResult.value as ast.Model | undefined)?.elements ?? []) {
            add(element);
            if (ast.isJourney(element)) for (const member of journeyMembers(element)) add(member);
            else if (ast.isObjective(element)) element.kpis.forEach(add);
        }
    });

    // ---- journeys, and their pages
    const journeyNodes = declarations.filter(d => ast.isJourney(d.node));
    const journeyPages = uniqueFileNames(journeyNodes.map(d => d.name));
    const journeys: SiteJourney[] = journeyNodes.map((declaration, i) => ({
        model: buildJourneyModel(declaration.node as ast.Journey, { actualsOf }).model,
        page: `journeys/${journeyPages[i]}.html`,
        declaration,
        diagnostics: []
    }));
    const journeyOfNode = new Map(journeys.map(j => [j.declaration.node, j]));
    // Which journeys show each element (a shared customer, system or process is drawn in every journey that uses it).
    const shownIn = new Map<string, SiteJourney[]>();
    for (const journey of journeys) {
        const m = journey.model;
        const ids = new Set([...m.customerDetails, ...m.systems, ...m.information, ...m.processes, ...m.objectives, ...m.objectives.flatMap(o => o.kpis)].map(e => e.id));
        for (const id of ids) {
            let list = shownIn.get(id);
            if (!list) shownIn.set(id, list = []);
            list.push(journey);
        }
    }

    // ---- customers, and their pages
    const customerNodes = declarations.filter(d => ast.isCustomer(d.node));
    const customerPages = uniqueFileNames(customerNodes.map(d => d.name));
    const customers: SiteCustomer[] = customerNodes.map((declaration, i) => {
        const model = customerModel(declaration.node as ast.Customer);
        const travelled = shownIn.get(model.id) ?? [];
        return {
            model, declaration, page: `customers/${customerPages[i]}.html`,
            journeys: travelled,
            moments: travelled.flatMap(journey => journey.model.moments.filter(m => m.customers.includes(model.id)).map(moment => ({ moment, journey }))),
            objectives: [],
            atRisk: customerAtRisk(model.id, travelled.map(j => j.model))
        };
    });

    // ---- where each declaration is shown
    const customerOfNode = new Map(customers.map(c => [c.declaration.node, c]));
    for (const d of declarations) {
        const journeyNode = enclosingJourney(d.node);
        const journey = journeyNode && journeyOfNode.get(journeyNode);
        if (journey) {
            d.journey = journey;
            d.href = ast.isJourney(d.node) ? journey.page : `${journey.page}#${elementFragment(d.id)}`;
        } else if (ast.isCustomer(d.node)) {
            d.href = customerOfNode.get(d.node)!.page;
        } else if (ast.isObjective(d.node) || ast.isKpi(d.node)) {
            d.href = `${KPIS_PAGE}#${elementFragment(d.id)}`;
        } else {
            const first = shownIn.get(d.id)?.[0];
            if (first) d.href = `${first.page}#${elementFragment(d.id)}`;
        }
    }

    // ---- KPIs: every one declared, with the journeys that own or name it
    const kpis: SiteKpi[] = [];
    const objectives: SiteObjective[] = [];
    for (const d of declarations) {
        if (!ast.isObjective(d.node)) continue;
        const owner = d.journey?.model.objectives.find(o => o.id === d.id && !o.referenced);
        const objective = owner ?? objectiveModel(d.node, true, undefined, actualsOf);
        objectives.push({ objective, journeys: shownIn.get(objective.id) ?? [] });
        for (const kpi of objective.kpis) {
            kpis.push({ kpi, objective, journeys: shownIn.get(kpi.id) ?? [], href: `${KPIS_PAGE}#${elementFragment(kpi.id)}` });
        }
    }
    for (const c of customers) c.objectives = objectives.map(o => o.objective).filter(o => o.for.includes(c.model.id));

    const opportunities = journeys.flatMap(journey => journey.model.opportunities.map(opportunity => ({ opportunity, journey })));

    // ---- diagnostics, each in its declaration: those of every file the site shows (the .copis files, the
    // actuals files its KPIs read, the config files), so that the counts and the lists are of the same ones.
    const diagnostics: SiteDiagnostic[] = loaded.configDiagnostics.map(({ element: _none, ...d }) => d);
    const place = (diagnostic: SiteDiagnostic, element: SiteDeclaration | undefined) => {
        if (element) {
            diagnostic.element = element;
            element.diagnostics.push(diagnostic);
            element.journey?.diagnostics.push(diagnostic);
        }
        diagnostics.push(diagnostic);
    };
    loaded.documents.forEach((document, i) => {
        const root = document.parseResult.value?.$cstNode;
        for (const raw of document.diagnostics ?? []) {
            const offset = document.textDocument.offsetAt(raw.range.start);
            const leaf = root && (CstUtils.findLeafNodeAtOffset(root, offset) ?? CstUtils.findLeafNodeBeforeOffset(root, offset));
            place(siteDiagnostic(loaded.sources[i].file, raw), namedDeclarationOf(leaf?.astNode, byNode));
        }
    });
    // An actuals row's problem is the KPI's it names; a row naming no KPI keeps the name it gives.
    const actuals = loaded.services.validation.Actuals;
    for (const file of loaded.actuals) {
        for (const raw of actuals.diagnostics(file.uri)) {
            const diagnostic = siteDiagnostic(file.file, raw);
            const named = (raw.data as { kpi?: unknown } | undefined)?.kpi;
            const kpi = typeof named === 'string' ? actuals.kpiNamed(file.uri, named) : undefined;
            const element = kpi && byNode.get(kpi);
            if (!element && typeof named === 'string') diagnostic.kpi = named;
            place(diagnostic, element);
        }
    }
    diagnostics.sort(compareDiagnostics);
    for (const d of declarations) d.diagnostics.sort(compareDiagnostics);
    for (const j of journeys) j.diagnostics.sort(compareDiagnostics);

    const files = [...loaded.sources.map(s => s.file), ...loaded.actuals.map(a => a.file)];
    const model: SiteModel = {
        title: options.title?.trim() || defaultTitle(journeys),
        files,
        journeys, customers, objectives, kpis, opportunities, declarations,
        declarationOf: node => byNode.get(node),
        byId: id => byId.get(id),
        diagnostics,
        summary: summarize(files.length, diagnostics),
        columns: columnsOf(journeys)
    };
    if (options.asOf) model.asOf = options.asOf;
    return model;
}

function siteDiagnostic(file: string, raw: Diagnostic): SiteDiagnostic {
    return toCliDiagnostic(file, raw) as Omit<CliDiagnostic, 'element'>;
}

function namedDeclarationOf(node: AstNode | undefined, byNode: Map<ast.Declaration, SiteDeclaration>): SiteDeclaration | undefined {
    for (let current = declarationOf(node); current; current = declarationOf(current.$container)) {
        const found = byNode.get(current);
        if (found) return found;
    }
    return undefined;
}

function defaultTitle(journeys: SiteJourney[]): string {
    return journeys.length === 1 ? label(journeys[0].model) : 'Customer journeys';
}

const CATEGORIES = Object.keys(CATEGORY_RANK);

/** The lifecycle categories some stage has, in lifecycle order (others after them, by name), then the stages without one. */
function columnsOf(journeys: SiteJourney[]): CategoryColumn[] {
    const used = new Set<string>();
    let uncategorised = false;
    for (const j of journeys) {
        for (const s of j.model.stages) {
            if (s.category === undefined) uncategorised = true;
            else used.add(s.category);
        }
    }
    const known = CATEGORIES.filter(c => used.has(c));
    const other = [...used].filter(c => !CATEGORIES.includes(c)).sort();
    const columns: CategoryColumn[] = [...known, ...other].map(category => ({ category, label: categoryLabel(category) }));
    if (uncategorised) columns.push({ label: 'No category' });
    return columns;
}

export function categoryLabel(category: string): string {
    const words = category.replace(/-/g, ' ');
    return words.charAt(0).toUpperCase() + words.slice(1);
}
