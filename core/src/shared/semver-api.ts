// semver for the CLI's bundle, served from the core's bundle as `@ply/core/semver`: scripts/bundle.mjs
// resolves the CLI's `semver` imports here, so a `ply` process loads semver once (esbuild cannot
// tree-shake a CommonJS package: each bundle carried all 72 KB of it).
export { default } from 'semver';
