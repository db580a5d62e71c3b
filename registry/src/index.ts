export { createRegistry, type Registry, type RegistryOptions } from './registry-app.js';
export { startRegistry, type RunningRegistry } from './registry-server.js';
export { RegistryStorage, type StoredPackument, type StoredVersion } from './registry-storage.js';
export { SigningKeys } from './signing-keys.js';
export { TokenStore } from './token-store.js';
export { RegistryError } from './registry-error.js';
export { seedPackages, type SeedPackage, type SeedReport } from './seed-packages.js';
