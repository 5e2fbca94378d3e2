/**
 * A setting that cannot work (an unknown database scheme, an unreachable database, a port in use): one
 * line on stderr that names the setting to change, and exit status 2, before anything starts.
 */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** `postgres://user:secret@host/db` without its password, for messages. */
export const redactUrl = (url: string): string => url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:)[^@/]*@/i, '$1***@');
