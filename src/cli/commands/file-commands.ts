import { basename } from 'node:path';
import { fileFrom } from '../../media/local-file.js';
import { apiCommand } from '../api-command.js';
import { parseFlags, stringFlag } from '../args.js';
import { clientFromEnv } from '../client-env.js';
import { COMMAND_INFO } from './info.js';
import type { Command } from '../command.js';
import { UsageError } from '../exit-codes.js';
import { formatBytes } from '../format.js';
import { isLink } from '../media-flags.js';
import { reportFailure } from '../report-error.js';
import { checkDestination, saveWithStatus } from '../save-result.js';
import { type ProgressState, renderProgress } from '../task-progress.js';
import { followById, WAIT_COMMAND_FLAGS } from './task-commands.js';

/** `evolink-wan upload <file|url>`. */
export const uploadCommand: Command = apiCommand({
  ...COMMAND_INFO.upload,
  description:
    "Upload a local file to EvoLink's files API (streamed, at most 100 MB), or have EvoLink copy a public https:// URL, and print the file's URL, usable in any media flag for 72 hours.",
  positionals: ['file|url'],
  flags: { 'file-name': { type: 'string' }, 'upload-path': { type: 'string' } },
  rows: [
    ['--file-name <name>', 'the name to store it under (EvoLink picks one when omitted)'],
    ['--upload-path <dir>', 'the folder to store it in (EvoLink picks one by file type when omitted)'],
  ],
  async call(client, { values, positionals }, { ui, signal }) {
    const input = positionals[0]!;
    const destination = {
      ...(stringFlag(values, 'file-name') !== undefined ? { fileName: stringFlag(values, 'file-name') } : {}),
      ...(stringFlag(values, 'upload-path') !== undefined ? { uploadPath: stringFlag(values, 'upload-path') } : {}),
    };
    const state: ProgressState = { phase: 'uploading', startedAt: Date.now(), label: isLink(input) ? input : basename(input) };
    ui.startStatus((spinner) => renderProgress(state, spinner, ui.colors));
    const file = isLink(input)
      ? await client.files.uploadFromUrl(input, { ...destination, signal })
      : await client.files.upload(fileFrom(input), {
          ...destination,
          signal,
          onProgress: ({ sent, total }) => {
            state.transfer = { label: basename(input), done: sent, total, startedAt: state.startedAt };
            ui.redraw();
          },
        });
    const expiresAt = file.expiresAt.toISOString();
    ui.event('uploaded', {
      id: file.id,
      url: file.url,
      downloadUrl: file.downloadUrl,
      fileName: file.fileName,
      size: file.size,
      mimeType: file.mimeType,
      expiresAt,
    });
    ui.endStatus(ui.colors.green(`✔ uploaded ${file.fileName} (${formatBytes(file.size)}, ${file.mimeType}), kept until ${expiresAt}`));
    ui.result(file.url);
    return 0;
  },
});

/** `evolink-wan quota`. */
export const quotaCommand: Command = apiCommand({
  ...COMMAND_INFO.quota,
  async call(client, _input, { ui, signal }) {
    const quota = await client.files.quota({ signal });
    if (ui.json) ui.data(quota);
    else
      ui.result(
        `Files: ${quota.used} of ${quota.max} used, ${quota.remaining} left${quota.userGroup ? ` (group ${quota.userGroup})` : ''}`,
      );
    return 0;
  },
});

/** `evolink-wan download <task-id|url> -o <path>`. */
export const downloadCommand: Command = {
  ...COMMAND_INFO.download,
  async run(context) {
    const { values, positionals } = parseFlags(context.args, WAIT_COMMAND_FLAGS, { names: ['task-id|url'] });
    if (values.help) return followById(context, 'download');
    const out = stringFlag(values, 'out');
    if (out === undefined) throw new UsageError('download needs -o <path>: where to save the video.');
    const source = positionals[0]!;
    if (!isLink(source)) return followById(context, 'download');
    checkDestination(out);
    const { ui, signal } = context;
    const client = clientFromEnv(context.env, ui, { values });
    const state: ProgressState = { phase: 'downloading', startedAt: Date.now() };
    try {
      ui.startStatus((spinner) => renderProgress(state, spinner, ui.colors));
      const saved = await saveWithStatus((dest, o) => client.download(source, dest, o), out, {
        ui,
        state,
        signal,
      });
      ui.event('saved', { url: source, ...saved });
      ui.endStatus(ui.colors.green(`✔ saved ${saved.path} (${formatBytes(saved.bytes)})`));
      ui.result(saved.path);
      return 0;
    } catch (error) {
      return reportFailure(ui, error);
    } finally {
      await client.close();
    }
  },
};
