import type { LocalMedia } from '../media/local-file.js';

/** A file stored by EvoLink's files API. It is deleted 72 hours after upload (`expiresAt`). */
export interface UploadedFile {
  /** `file_id`, e.g. `file_abc123`. */
  id: string;
  /** `file_url`: the link to pass in a media field of a generation request. */
  url: string;
  /** `download_url`: EvoLink's download link for the same file. */
  downloadUrl: string;
  /** The stored file name. */
  fileName: string;
  /** The name the file was uploaded under. */
  originalName: string | undefined;
  /** Size in bytes. */
  size: number;
  /** The MIME type EvoLink detected, e.g. `image/jpeg`. */
  mimeType: string;
  /** The folder it was stored in. */
  uploadPath: string | undefined;
  uploadedAt: Date | undefined;
  /** When EvoLink deletes it (72 hours after upload): a task must have fetched it by then. */
  expiresAt: Date;
}

/** One piece of local media that {@link PreparedMedia} uploaded (or found uploaded by this client before). */
export interface PreparedUpload {
  /** The media field it went into, e.g. `image_start` or `video_urls[1]`. */
  field: string;
  /** What it was: the path of a `fileFrom(path)`, a `File`'s name, or a label for bytes. */
  source: string;
  /** The upload: its `url` is what the parameters now carry, valid until `expiresAt` (72 hours after upload). */
  file: UploadedFile;
}

/** `client.prepareMedia(params)`: the parameters that will be sent, and what was uploaded for them. */
export interface PreparedMedia<P = Record<string, unknown>> {
  /** The parameters with every piece of local media replaced by the URL of its upload (URLs as strings). */
  params: P;
  /** The uploads, in field order; empty when the parameters held no local media. */
  uploads: PreparedUpload[];
}

/** `client.files.quota()`: how many files the account may keep at once. */
export interface FileQuota {
  /** Files stored now. */
  used: number;
  /** Files allowed (2000 for the default user group, per the docs). */
  max: number;
  /** Files that may still be uploaded. */
  remaining: number;
  userGroup: string | undefined;
  /** `true` when the account has a quota of its own. */
  isCustom: boolean | undefined;
  /** Why the quota is what it is, when EvoLink says. */
  reason: string | undefined;
}

/** Progress of an upload. */
export interface UploadProgress {
  /** Bytes of the file sent so far. */
  sent: number;
  /** Size of the file in bytes. */
  total: number;
}

/** Options of `client.files.upload()`. */
export interface UploadOptions {
  /** Name to store the file under (at most 255 characters, no `/` or `\`). EvoLink picks a unique one when omitted. */
  fileName?: string | undefined;
  /** Folder to store it in (relative, at most 256 characters, no `..`). EvoLink picks one by file type when omitted. */
  uploadPath?: string | undefined;
  /** Aborts the upload with `APIUserAbortError`. */
  signal?: AbortSignal | undefined;
  /** Called as the file is sent. */
  onProgress?: ((progress: UploadProgress) => void) | undefined;
  /** Milliseconds without any byte moving before the upload is abandoned (default: the client's `timeout`). */
  timeout?: number | undefined;
}

/** Options of `client.files.uploadFromUrl()`. */
export type UploadFromUrlOptions = Omit<UploadOptions, 'onProgress'>;

/** Options of `client.files.quota()`. */
export interface QuotaOptions {
  signal?: AbortSignal | undefined;
  timeout?: number | undefined;
}

/**
 * `client.files`: EvoLink's files API (`https://files-api.evolink.ai`, same key). Local media passed to a generation
 * method is uploaded through it for you; use it directly to upload once and reuse the URL for 72 hours.
 *
 * The docs list only images (`image/jpeg`, `image/png`, `image/gif`, `image/webp`); EvoLink's own clients upload
 * audio and video too, and the Wan docs tell you to upload clips here. The SDK does not block any type: a refusal
 * by the server is a `FileUploadError`. Listing and deleting files are not documented and not offered.
 */
export interface FilesResource {
  /**
   * Uploads a local file (multipart, streamed from disk) and returns its URL. At most 100 MB (EvoLink's client
   * limit). Rejects with `FileUploadError` when the files API refuses it.
   * @example const { url, expiresAt } = await client.files.upload(fileFrom('./cat.jpg'));
   */
  upload(input: LocalMedia, options?: UploadOptions): Promise<UploadedFile>;
  /**
   * Asks EvoLink to fetch a public `https:` URL and store a copy (72 hours).
   * @example const copy = await client.files.uploadFromUrl('https://example.com/cat.jpg');
   */
  uploadFromUrl(url: string, options?: UploadFromUrlOptions): Promise<UploadedFile>;
  /**
   * The account's file quota.
   * @example const { remaining } = await client.files.quota();
   */
  quota(options?: QuotaOptions): Promise<FileQuota>;
}
