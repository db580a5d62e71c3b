import './installer-errors.js';

// The package format on its own (`@ply/installer/package-format`): what a valid package tarball is,
// how its integrity and signature are computed, and the module-browsing shapes. The registry checks
// packages with the same code the installer verifies them with.
export { readPackageTarball, type PackageFiles } from './tarball-reader.js';
export { DEFAULT_TARBALL_LIMITS, type TarballLimits } from './tarball-limits.js';
export { sha512Integrity, sha1Hex, verifyIntegrity } from './integrity.js';
export { signedMessage, verifyPackageSignature, type RegistryKey, type PackageSignature } from './package-signature.js';
export { isPackageName } from './install-spec.js';
export { isModuleSlug, MODULE_SLUG_RULE } from './module-slug.js';
export type { ModuleSummary, ModuleDetails, ItemDetails, SlugHolders } from './module-browsing-types.js';
