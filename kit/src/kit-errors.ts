import { defineErrorCatalogue, type CodesOf } from '@ply/core/errors';

/** The author kit's error codes. */
export const KIT_ERRORS = defineErrorCatalogue('@ply/kit', {
  PLY_MANIFEST_DRIFT: { user: true, status: 422, title: 'Committed manifest files differ from the plugin definition' },
  PLY_TYPECHECK_FAILED: { user: true, status: 422, title: "The plugin's TypeScript does not type-check" },
  PLY_TESTS_FAILED: { user: true, status: 422, title: "The plugin's tests failed" },
});

declare module '@ply/core/errors' {
  interface PlyErrorCodes extends CodesOf<typeof KIT_ERRORS> {}
}
