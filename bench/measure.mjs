// Shared by the bench clients: samples memory while jobs run and prints one JSON line of figures.
export async function runJobs(label, count, job) {
  globalThis.gc?.();
  const baseHeap = process.memoryUsage().heapUsed;
  let peakHeap = baseHeap;
  const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 20);
  // Retained memory per waiting job: 800 ms in, every job has been created and none has finished (tasks take ≥ 1 s).
  let retainedKB;
  const probe = setTimeout(() => {
    globalThis.gc?.();
    retainedKB = (process.memoryUsage().heapUsed - baseHeap) / 1024 / count;
  }, 800);
  const started = performance.now();
  const cpu = process.cpuUsage();
  const results = await Promise.allSettled(Array.from({ length: count }, (_, i) => job(i)));
  clearTimeout(probe);
  const wallMs = performance.now() - started;
  const { user, system } = process.cpuUsage(cpu);
  clearInterval(sampler);
  const completed = results.filter((r) => r.status === 'fulfilled').length;
  console.log(
    JSON.stringify({
      label,
      wallMs,
      cpuMs: (user + system) / 1000,
      completed,
      failed: count - completed,
      peakRssMB: process.resourceUsage().maxRSS / 1024,
      kbPerWaitingTask: retainedKB,
      peakHeapGrowthMB: (peakHeap - baseHeap) / 1024 / 1024,
    }),
  );
}
