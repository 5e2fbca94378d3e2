import type { BrowserContext } from '../browser-env.ts';
import { signedIn } from '../browser-env.ts';
import { chooseMember, listFamily, type FamilyMember } from './family.ts';
import { readLogPage } from './log-paging.tsx';

/** Whose log a request asks for, and which page of it. */
export interface LogScope {
  url: URL;
  family: FamilyMember[];
  chosen: FamilyMember;
  page: ReturnType<typeof readLogPage>;
  /** A query parameter, trimmed; undefined when empty. */
  param: (name: string) => string | undefined;
}

export async function readLogScope(c: BrowserContext): Promise<LogScope> {
  const family = await listFamily(c.var.deps.db, signedIn(c).account);
  const param = (name: string) => c.req.query(name)?.trim() || undefined;
  return { url: new URL(c.req.url), family, chosen: chooseMember(family, param('account')), page: readLogPage(param('page')), param };
}
