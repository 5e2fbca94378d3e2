import type { Context } from 'hono';
import type { AppDeps } from '../app/deps.ts';
import type { ConnectApp } from '../storage/repositories/connect-apps.ts';
import type { SignedIn } from '../storage/repositories/console-sessions.ts';

/** What the page pipelines share through `c.var`. */
export interface BrowserEnv {
  Variables: {
    deps: AppDeps;
    /** Set when the request carries a live session cookie. */
    signedIn: SignedIn | undefined;
    /** The body of a POST, read once with a size cap. */
    form: FormData;
    /** The Connect App named in the path. */
    app: ConnectApp;
    /** Sources this page adds to its Content-Security-Policy. */
    csp: CspAdditions | undefined;
  };
}

export interface CspAdditions {
  formAction?: string[];
  /** `'sha256-…'` hashes of inline style attributes the page carries. */
  styleHashes?: string[];
  /** The page's script fetches updates from this origin (the phone). */
  connectSelf?: boolean;
}

export type BrowserContext = Context<BrowserEnv>;

/** Where browsers reach this server: the configured public URL, else the address the request came to. */
export const publicBase = (c: BrowserContext): string => c.var.deps.config.publicUrl ?? new URL(c.req.url).origin;

export const isHttps = (c: BrowserContext): boolean => publicBase(c).startsWith('https:');

/** The signed-in session; only for routes behind `requireSignIn`. */
export const signedIn = (c: BrowserContext): SignedIn => c.var.signedIn!;
