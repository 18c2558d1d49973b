import type { StreamClient } from '../transport/stream-client.js';
import type { FilesApi, FilesApiConfig } from './files-api.js';
import type { FileQuota, FilesResource, QuotaOptions, UploadedFile, UploadFromUrlOptions, UploadOptions } from './types.js';
import type { LocalMedia } from '../media/local-file.js';

/**
 * `client.files`, whose code (uploads, media inspection, the streamed transport) is loaded on the first call rather
 * than when the SDK is imported: most programs never upload, and parsing that code is a measurable part of start-up.
 */
export class LazyFiles implements FilesResource {
  readonly #config: Omit<FilesApiConfig, 'transport'>;
  readonly #transport: () => Promise<StreamClient>;
  #api: Promise<FilesApi> | undefined;

  /** `transport` makes (or returns) the client's stream transport, itself loaded on first use. */
  constructor(config: Omit<FilesApiConfig, 'transport'>, transport: () => Promise<StreamClient>) {
    this.#config = config;
    this.#transport = transport;
  }

  /** The files API, loaded and made on the first call; one per client, so its upload cache is shared. */
  api(): Promise<FilesApi> {
    this.#api ??= Promise.all([import('./files-api.js'), this.#transport()]).then(
      ([{ FilesApi }, transport]) => new FilesApi({ ...this.#config, transport }),
    );
    return this.#api;
  }

  /** See {@link FilesResource.upload}. */
  async upload(input: LocalMedia, options?: UploadOptions): Promise<UploadedFile> {
    return (await this.api()).upload(input, options);
  }

  /** See {@link FilesResource.uploadFromUrl}. */
  async uploadFromUrl(url: string, options?: UploadFromUrlOptions): Promise<UploadedFile> {
    return (await this.api()).uploadFromUrl(url, options);
  }

  /** See {@link FilesResource.quota}. */
  async quota(options?: QuotaOptions): Promise<FileQuota> {
    return (await this.api()).quota(options);
  }
}
