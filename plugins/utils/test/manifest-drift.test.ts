import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compareWithReference, packageDrift } from '@ply/kit/testing';
import plugin from '../src/index.js';

describe('the committed package', () => {
  it('has the module JSON and the README items table of its code (run `ply manifest build` then `ply readme`)', () => {
    expect(packageDrift(fileURLToPath(new URL('..', import.meta.url)), plugin)).toEqual({ changed: [], stale: [], readme: 'up to date' });
  });

  it("keeps the reference module's uuids, slugs, names, docker_parameters, arguments, secrets, results and outputs", () => {
    expect(compareWithReference(plugin, 'Utils')).toEqual({
      // Found by the unified reference comparison when main's Utils plugin met the ti-a kit; left
      // for the Utils plugin (wider output_path results, the defaults of Get the current time; the
      // password is always built by the plugin itself).
      differences: [
        'action_fileutils_readjsonfile.json (Read JSON File) results/properties/output_path: refuses object values, which the reference accepts',
        'action_fileutils_readxmlfile.json (Read XML File) results/properties/output_path: refuses object values, which the reference accepts',
        'action_password_generator.json (Password Generator) results/required: requires "password", which the reference does not',
        'action_utils_getcurrenttime.json (Get the current time) arguments/properties/selectedNamedTimezone: has no default (the reference\'s is "Europe/Paris")',
        'action_utils_getcurrenttime.json (Get the current time) arguments/properties/selectedTimezone: has no default (the reference\'s is "UTC 0")',
      ],
      added: [],
    });
  });
});
