import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compareWithReference, packageDrift } from '@ply/kit/testing';
import plugin from '../src/index.js';

describe('the committed package', () => {
  it('has the module JSON and the README items table of its code (run `ply manifest build` then `ply readme`)', () => {
    expect(packageDrift(fileURLToPath(new URL('..', import.meta.url)), plugin)).toEqual({ changed: [], stale: [], readme: 'up to date' });
  });

  it("keeps the reference module's uuids, slugs, names, docker_parameters, arguments, secrets, results and outputs", () => {
    // Results these runs build themselves (no vendor answer passes through), so nothing undeclared can reach them.
    const built = "the run builds this result itself: it never holds a property it does not declare";
    const path = "the reference types the file's path as an object by mistake; the run returns the path (a string)";
    const bounded = 'a password of 0 to 4096 characters with no negative counts: other values refused with a clear error';
    expect(
      compareWithReference(plugin, 'Utils', {
        deliberate: {
          'action_fileutils_readjsonfile.json: results/output_path': path,
          'action_fileutils_readjsonfile.json: results/*': built,
          'action_fileutils_readxmlfile.json: results/output_path': path,
          'action_fileutils_readxmlfile.json: results/*': built,
          'action_groupby.json: results/results/[]': 'the run builds each group as an object',
          'action_groupby.json: results/*': built,
          'action_password_generator.json: arguments/password_length': bounded,
          'action_password_generator.json: arguments/number_of_digits': bounded,
          'action_password_generator.json: arguments/number_of_special_characters': bounded,
          'action_password_generator.json: results/password': built,
          'action_password_generator.json: results/*': built,
          'action_utils_getcurrenttime.json: results/*': built,
          'action_utils_wait.json: results/*': built,
        },
      }),
    ).toEqual([]);
  });
});
