/** Bad command-line arguments: one line on stderr and exit status 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** `--help` on a command: its help is printed and nothing runs. */
export class HelpRequested extends Error {
  override name = 'HelpRequested';
}
