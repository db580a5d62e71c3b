import { defineErrorCatalogue, type CodesOf } from '@ply/core/errors';

/** The installer's error codes: packages, signatures, registries and upgrades. */
export const INSTALLER_ERRORS = defineErrorCatalogue('@ply/installer', {
  PLY_PACKAGE_REJECTED: { user: true, status: 422, title: 'Package tarball refused (unsafe entry, size limit or invalid module)' },
  PLY_INTEGRITY_MISMATCH: { user: false, status: 502, title: 'Downloaded package does not match its integrity hash' },
  PLY_SIGNATURE_INVALID: { user: false, status: 502, title: 'Package signature is missing, invalid or by an untrusted key' },
  PLY_REGISTRY_ERROR: { user: false, status: 502, title: 'Registry unreachable or answered with an error' },
  PLY_UPGRADE_BREAKING: { user: true, status: 409, title: 'Upgrade changes action arguments in a way that breaks callers' },
  PLY_SLUG_TAKEN: { user: true, status: 409, title: "Module slug belongs to another installed package (replace it by naming it)" },
});

declare module '@ply/core/errors' {
  interface PlyErrorCodes extends CodesOf<typeof INSTALLER_ERRORS> {}
}
