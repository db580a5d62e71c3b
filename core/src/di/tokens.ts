import type { DependencyContainer } from 'tsyringe';

/** A DI token that remembers the type it stands for. */
export type Token<T> = symbol & { readonly __type?: T };

export function token<T>(description: string): Token<T> {
  return Symbol(description) as Token<T>;
}

/** Resolves a typed token. */
export function resolveToken<T>(container: DependencyContainer, key: Token<T>): T {
  return container.resolve<T>(key);
}

/** Registers a value under a typed token. */
export function provideValue<T>(container: DependencyContainer, key: Token<T>, value: T): void {
  container.register<T>(key, { useValue: value });
}
