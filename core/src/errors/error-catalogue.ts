/** What a code means: whether the caller can fix it, the HTTP status it answers with, a title. */
export interface ErrorSpec {
  /** True for errors the caller can fix (bad input); false for operational errors. */
  readonly user: boolean;
  /** The HTTP status every Ply server (runtime API, console) answers this code with. */
  readonly status: number;
  readonly title: string;
}

/** A package's catalogue: its stable codes, each never reused for another meaning. */
export type ErrorCatalogue = Readonly<Record<`PLY_${string}`, ErrorSpec>>;

/** Turns a catalogue into the shape that augments {@link PlyErrorCodes}. */
export type CodesOf<C extends ErrorCatalogue> = { readonly [K in keyof C]: C[K] };

const SPECS = new Map<string, ErrorSpec & { catalogue: string }>();
const UNKNOWN: ErrorSpec = { user: false, status: 500, title: 'Unknown error code' };

/**
 * Registers a package's catalogue (once per process, when the package loads) and returns it.
 * A code defined by two catalogues is a programming error: codes are never reused.
 */
export function defineErrorCatalogue<const C extends ErrorCatalogue>(name: string, catalogue: C): C {
  for (const [code, spec] of Object.entries(catalogue) as Array<[string, ErrorSpec]>) {
    const known = SPECS.get(code);
    if (known && known.catalogue !== name) throw new Error(`error code ${code} is defined by both ${known.catalogue} and ${name}`);
    SPECS.set(code, { ...spec, catalogue: name });
  }
  return catalogue;
}

/** The spec of a code; a code no loaded catalogue defines reads as an operational 500. */
export function errorSpecOf(code: string): ErrorSpec {
  return SPECS.get(code) ?? UNKNOWN;
}

/** Every registered code, with the catalogue (package) that defines it. */
export function registeredErrorCodes(): Array<{ code: string; catalogue: string } & ErrorSpec> {
  return [...SPECS].map(([code, spec]) => ({ code, ...spec }));
}
