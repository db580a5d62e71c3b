import './installer-errors.js';

export { ModuleInstaller, type ModuleInstallerOptions, type InstallOptions, type InstallOutcome, type InstallProgress } from './module-installer.js';
export { ClusterArtifacts } from './cluster-artifacts.js';
export { ModuleStore, type InstalledModule, type InstallRecord } from './module-store.js';
export { RegistryClient, encodePackageName, normaliseRegistryUrl, type Packument, type PackumentVersion, type SearchHit } from './registry-client.js';
export { readPackageTarball, type PackageFiles } from './tarball-reader.js';
export { DEFAULT_TARBALL_LIMITS, type TarballLimits } from './tarball-limits.js';
export { sha512Integrity, sha1Hex, verifyIntegrity } from './integrity.js';
export { signedMessage, verifyPackageSignature, type RegistryKey, type PackageSignature } from './package-signature.js';
export { breakingArgumentChanges, type BreakingChange } from './argument-changes.js';
export { parseInstallSpec, isPackageName, type InstallSpec } from './install-spec.js';
export type { ModuleSummary, ModuleDetails, ItemDetails, SlugHolders } from './module-browsing-types.js';
export { publishTarball, type PublishResult } from './publish-request.js';
export { INSTALLER_ERRORS } from './installer-errors.js';
