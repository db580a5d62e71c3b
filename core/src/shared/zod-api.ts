// The part of zod the CLI's bundle uses (its runtime, installer and console code), served from the
// core's bundle as `@ply/core/zod`: scripts/bundle.mjs resolves the CLI's `zod` imports here, so a
// `ply` process holds one zod, the core's, instead of a second tree-shaken copy (200 KB of source
// loaded at every start). The bundle step fails when the CLI uses a member this file leaves out.
// (Plugins get the whole of zod from `dist/zod/`, not from here.)
export { array, boolean, discriminatedUnion, enum, literal, number, record, strictObject, string, toJSONSchema, union, unknown } from 'zod';
