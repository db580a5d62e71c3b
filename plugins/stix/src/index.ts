import { addSourceAction } from './add-source.action.js';
import { addTagsAction } from './add-tags.action.js';
import { createRelationshipsAction } from './create-relationships.action.js';
import { cryptolaemusToStixAction } from './cryptolaemus-to-stix.action.js';
import { cveToStixAction } from './cve-to-stix.action.js';
import { filterBundleAction } from './filter-bundle.action.js';
import { jsonObjectsToObservablesAction } from './json-objects-to-observables.action.js';
import { livehuntToObservablesAction } from './livehunt-to-observables.action.js';
import { mispToStixAction } from './misp-to-stix.action.js';
import { stix } from './module.js';
import { observablesToContextualisedIndicatorsAction } from './observables-to-contextualised-indicators.action.js';
import { observablesToIndicatorsAction } from './observables-to-indicators.action.js';
import { removeOrphanObjectsAction } from './remove-orphan-objects.action.js';
import { stixToMispAction } from './stix-to-misp.action.js';
import { stringToObservablesAction } from './string-to-observables.action.js';

export default stix.plugin({
  actions: [
    addSourceAction,
    addTagsAction,
    createRelationshipsAction,
    cryptolaemusToStixAction,
    cveToStixAction,
    filterBundleAction,
    jsonObjectsToObservablesAction,
    livehuntToObservablesAction,
    mispToStixAction,
    observablesToContextualisedIndicatorsAction,
    observablesToIndicatorsAction,
    removeOrphanObjectsAction,
    stixToMispAction,
    stringToObservablesAction,
  ],
});
