/** Where the bytes of a download go. */
export interface Sink {
  /** The file path, for a path destination. */
  readonly path: string | undefined;
  /** Writes one chunk, waiting while the destination is full (backpressure). */
  write(chunk: Uint8Array): Promise<void>;
  /**
   * Throws away what was written, to write the file again from byte 0 (the result host sent a whole, maybe changed,
   * file to a resume). Only a file can; a stream has no `rewind`.
   */
  rewind?(): Promise<void>;
  /** Completes the destination: renames the `.part` file, or ends the stream. */
  finish(): Promise<void>;
  /** Gives up: removes the `.part` file; a stream is left for its owner. */
  abandon(): Promise<void>;
}
