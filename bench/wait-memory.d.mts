/** Heap per waiting task, measured in a child process (see wait-memory.mjs). */
export function waitMemory(options?: { waits?: number; rounds?: number; source?: 'dist' | 'src' }): Promise<{
  waits: number;
  heapBytesPerWait: number;
  heapBytesPerWaitMin: number;
}>;
