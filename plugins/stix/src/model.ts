/**
 * `@ply/plugin-stix/model`: the STIX 2.1 model shared by the plugins that make or read STIX
 * (MISP, MWDB, Triage, the EDR `create_iocs_from_stix_bundle` actions): object types, identifiers
 * (deterministic for observables), timestamps, patterns (built and parsed), observables from
 * values and from free text, indicators, bundles, and the MISP ↔ STIX mapping. Pure functions over
 * plain JSON, with no dependency on the plugin's actions or on the kernel.
 */
export * from './model/stix-object.js';
export { SCO_NAMESPACE, ID_CONTRIBUTING_PROPERTIES, canonicalJson, observableIdentifier, randomIdentifier, uuidV5 } from './model/stix-identifier.js';
export { isStixTimestamp, stixTimestamp } from './model/stix-timestamp.js';
export { OBSERVABLE_KINDS, fileWithHashes, hashAlgorithmOf, kindOfValue, makeObservable, observableOf, observableOfValue, refang, type HashAlgorithm, type ObservableKind } from './model/observables.js';
export { extractObservables } from './model/value-extractor.js';
export { comparison, comparisonsOf, patternOf, stringLiteral } from './model/pattern-builder.js';
export { StixPatternError, comparisonsIn, isValidPattern, parsePattern, type ComparisonExpression, type ComparisonNode, type Literal, type ObservationExpression } from './model/pattern-parser.js';
export { StixInputError, indexById, makeBundle, objectsOf, referencesOf } from './model/bundle.js';
export { PLY_STIX_NAMESPACE, indicatorOf, makeDomainObject, makeIdentity, makeRelationship, observableName, stableIdentifier, type IndicatorOptions } from './model/domain-objects.js';
export { mispBoolean, unwrapEvent, type MispAttribute, type MispEvent, type MispObject, type MispTag } from './model/misp-event.js';
export { MISP_ATTRIBUTE_MAPPINGS, MISP_DOMAIN_OBJECT_TYPES, MISP_HASH_NAMES, MISP_RULE_TYPES, type AttributeMapping } from './model/misp-attribute-types.js';
export { MISP_OBJECT_MAPPINGS } from './model/misp-object-mapping.js';
export { mispEventToStix, mispLabel } from './model/misp-to-stix.js';
export { stixToMispEvent } from './model/stix-to-misp.js';
