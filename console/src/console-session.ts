import { randomBytes } from 'node:crypto';
import type { ApiRole } from '@ply/runtime';

/** A console session: who signed in (or nobody yet) and the token every POST form must carry. */
export interface ConsoleSession {
  id: string;
  /** Unset until sign-in: an anonymous session only protects the sign-in form itself. */
  role?: ApiRole;
  tokenName?: string;
  /** Kept in this process only, to notice a revoked token; never written to a page or a log. */
  token?: string;
  csrf: string;
  expiresAt: number;
  /** A message for the next page shown (after a form's redirect). */
  flash?: Notice;
}

/** A message above a page's content. */
export interface Notice {
  kind: 'good' | 'bad';
  text: string;
}

const SIGNED_IN_MS = 8 * 60 * 60 * 1000;
const ANONYMOUS_MS = 30 * 60 * 1000;
/** Bounds memory: anonymous sessions are made for every visit of the sign-in page. */
const MAX_SESSIONS = 10_000;

const randomId = () => randomBytes(32).toString('base64url');

/**
 * Sessions in memory, keyed by an opaque random id (the cookie's value). A restart signs
 * everybody out, which is acceptable for an admin console and keeps no credential on disk.
 */
export class ConsoleSessions {
  private readonly sessions = new Map<string, ConsoleSession>();

  constructor(private readonly now: () => number = Date.now) {}

  /** A new anonymous session (for the sign-in form's CSRF token). */
  anonymous(): ConsoleSession {
    return this.put({ id: randomId(), csrf: randomId(), expiresAt: this.now() + ANONYMOUS_MS });
  }

  /** Signs in: always under a fresh id, so a session id planted before sign-in is worthless. */
  signIn(previous: ConsoleSession | undefined, identity: { role: ApiRole; tokenName: string; token: string }): ConsoleSession {
    if (previous) this.sessions.delete(previous.id);
    return this.put({ id: randomId(), csrf: randomId(), expiresAt: this.now() + SIGNED_IN_MS, ...identity });
  }

  get(id: string | undefined): ConsoleSession | undefined {
    if (!id) return undefined;
    const session = this.sessions.get(id);
    if (!session) return undefined;
    if (session.expiresAt <= this.now()) {
      this.sessions.delete(id);
      return undefined;
    }
    return session;
  }

  end(id: string): void {
    this.sessions.delete(id);
  }

  get size(): number {
    return this.sessions.size;
  }

  private put(session: ConsoleSession): ConsoleSession {
    if (this.sessions.size >= MAX_SESSIONS) this.evict();
    this.sessions.set(session.id, session);
    return session;
  }

  /** Drops expired sessions, then the oldest anonymous ones if still full. */
  private evict(): void {
    const now = this.now();
    for (const [id, session] of this.sessions) if (session.expiresAt <= now) this.sessions.delete(id);
    for (const [id, session] of this.sessions) {
      if (this.sessions.size < MAX_SESSIONS) break;
      if (!session.role) this.sessions.delete(id);
    }
  }
}
