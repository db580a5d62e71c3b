import type { ScaffoldPlace } from './scaffold-values.js';

/** One command of the author's loop, and what it does. */
export interface NextStep {
  command: string;
  what: string;
}

/**
 * The commands that take a new plugin from scaffold to published, where it was scaffolded: printed
 * by `ply plugin new` and written in the scaffold's README, so both say the same.
 */
export function nextSteps(place: ScaffoldPlace, where: string): NextStep[] {
  if (place === 'workspace') {
    return [
      { command: `# at the root of the checkout; first add { "path": "${where}/tsconfig.build.json" } to tsconfig.build.json's references`, what: '' },
      { command: 'pnpm install && pnpm build', what: 'links the workspace packages, compiles every package' },
      { command: `pnpm ply manifest build ${where}`, what: 'module/*.json from the zod definitions (commit them)' },
      { command: `pnpm vitest run ${where}`, what: 'the tests, against the fake vendor' },
      { command: `pnpm ply lint ${where}`, what: 'uuids, slugs, versions, secrets, schemas, code bound to JSON' },
    ];
  }
  return [
    { command: `cd ${where}`, what: '' },
    { command: 'npm install', what: 'from a registry that serves @ply/core and @ply/kit (a `ply registry serve` does: `npm config set registry <its URL>`)' },
    { command: 'npm run build', what: "ply build: type-checks src/ and test/ with Ply's TypeScript, compiles dist/, writes module/*.json (commit them)" },
    { command: 'npm test', what: "ply test: the tests, against the fake vendor, with Ply's vitest" },
    { command: 'ply lint .', what: 'uuids, slugs, versions, secrets, schemas, code bound to JSON' },
    { command: 'ply pack . && ply publish <the .tgz>', what: 'one bundled ESM file, module/, README and CHANGELOG; to $PLY_REGISTRY with $PLY_REGISTRY_TOKEN, a publish token of a member of the organisation that owns the scope (`ply registry org create ply --member <you>` for @ply/*)' },
  ];
}

/** The steps as a shell block (`command   # what`). */
export function nextStepsBlock(steps: NextStep[]): string {
  const width = Math.max(...steps.map((step) => step.command.length));
  return steps.map((step) => (step.what ? `${step.command.padEnd(width)}   # ${step.what}` : step.command)).join('\n');
}
