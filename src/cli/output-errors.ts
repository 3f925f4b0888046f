// What the CLI does when its output cannot be written: a reader that stops early (`| head`) is normal use, and
// the disk that fills or the terminal that goes away is not the user's input at fault; neither deserves a trace.

/**
 * stdout closed by its reader (EPIPE) ends the process quietly, with the code it was going to exit with (0, or 1 for
 * a failing `rules test`): the reader took what it wanted, as with any tool upstream of `head`, and a script under
 * `set -o pipefail` should not fail for it. Any other write error (ENOSPC, EIO) is one line on stderr and exit 2.
 * A closed stderr is ignored: there is nowhere left to say anything.
 */
export function handleOutputErrors(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    process.stderr.write(`mssql-doctor: cannot write the output: ${error.message}\n`);
    process.exit(2);
  });
  process.stderr.on('error', () => {});
}
