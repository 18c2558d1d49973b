/**
 * The guarantees of the `evolink-wan` command, each with the test that holds it (rendered into docs/reliability.md
 * by render-doc.ts; the fault matrix checks the document is up to date).
 */
export const CLI_GUARANTEES: readonly string[] = [
  '',
  'The command line:',
  '',
  '- **Text from a server or a file is printed escaped.** Every line the CLI writes goes through one function',
  '  (`printable`): ESC/CSI/OSC, other C0 and C1 controls, CR and LF, line separators and bidirectional controls are',
  "  shown as `\\e`, `\\n`, `\\x07`, `\\u202e`…, so a failed task's message cannot retitle the terminal, erase lines or",
  "  forge a `saved` line; only the CLI's own colour codes reach a colour terminal, and JSON output keeps the same",
  '  values (test/cli/terminal-text.test.ts).',
  '- **Exit codes and hints tell the truth.** A `-o` that cannot be written is refused before anything is sent',
  '  (exit 1), and a download that fails writing is exit 1, not 3; a task that failed or was cancelled is never said',
  '  to keep running; SIGTERM stops like Ctrl-C (the resume command printed, the partial file removed, exit 143);',
  '  messages name `EVOLINK_API_KEY`, `EVOLINK_BASE_URL` and flags, not SDK options; a mistyped jobs-file field gets',
  '  "did you mean", as a mistyped flag does (test/cli/exit-truth.test.ts).',
  '- **Every provider:** `--provider novita` or `EVOLINK_PROVIDER=novita`, with `NOVITA_API_KEY`, on every command',
  '  that calls an API; a batch, whose resume rests on idempotency keys, refuses a provider without them',
  '  (test/cli/provider.test.ts).',
  '- **Offline:** `evolink-wan fake-server` runs the fake gateway and prints the lines that point the CLI at it',
  '  (test/cli/fake-server.test.ts).',
  '- **The last line is the result.** Piped or with `--json`, stdout holds JSON lines only, the last one `saved`',
  '  (with its path), `completed` (its URL), `submitted` (`--no-wait`) or `failed`; on a terminal, stdout holds the',
  '  bare path, URL or task id (test/cli/output.test.ts, test/cli/terminal.test.ts).',
];
