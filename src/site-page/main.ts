/// <reference lib="dom" />
/**
 * The site's one script (bundled to dist/site.js, written to assets/site.js of every site). Every page
 * gets the search; a journey page its diagram (the preview's page code, drawing with the same renderer)
 * and details panel; a page served by `copis site --serve` reloads when the model changes. The pages
 * are readable without it.
 */
import { startJourneyPage } from './journey.js';
import { startLiveReload } from './live.js';
import { startSearch } from './search.js';

const body = document.body;
const root = body.dataset.root ?? '';
startSearch(document, root);
if (body.dataset.page === 'journey') startJourneyPage(document, root);
if (body.dataset.live === 'true') startLiveReload(root);
