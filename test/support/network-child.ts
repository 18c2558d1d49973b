// One cell of `npm run test:network`: runs one network-setup scenario with one undici copy in this Node process and
// prints one JSON line. Started by scripts/network-matrix.ts with BASE_URL, PROXY_URL, SCENARIO and UNDICI set.
import { NODE_ENV_PROXY, SCENARIOS, type UndiciLike } from './network-scenarios.js';

const { SCENARIO = '', UNDICI = 'undici', BASE_URL = '', PROXY_URL = '', CONTROL } = process.env;
const print = (line: object): void => void process.stdout.write(`${JSON.stringify(line)}\n`);
const describe = (error: unknown): string => {
  const e = error as { name?: string; code?: string; message?: string; cause?: { code?: string; message?: string } };
  return [e.name, e.code ?? e.cause?.code, (e.message ?? String(error)).slice(0, 160)].filter(Boolean).join(' ');
};
const hang = setTimeout(() => {
  print({ ok: false, error: 'no answer within 10 s (hangs)' });
  process.exit(0);
}, 10_000);

try {
  if (CONTROL) {
    // The old way, for comparison: this undici's dispatcher handed to Node's own fetch.
    const undici = (await import(UNDICI)) as UndiciLike & Record<string, new (arg?: string) => { close(): Promise<void> }>;
    const dispatcher = CONTROL === 'ProxyAgent' ? new undici.ProxyAgent(PROXY_URL) : new undici.Agent();
    const response = await fetch(`${BASE_URL}/v1/tasks/x`, { dispatcher } as RequestInit);
    print({ ok: response.ok, status: response.status });
  } else {
    const scenario = SCENARIO === 'NODE_USE_ENV_PROXY' ? NODE_ENV_PROXY : SCENARIOS[SCENARIO];
    if (!scenario) throw new Error(`unknown scenario ${SCENARIO}`);
    const undici = SCENARIO === 'NODE_USE_ENV_PROXY' ? ({} as UndiciLike) : ((await import(UNDICI)) as UndiciLike);
    const { via, task } = await scenario.run({ undici, baseURL: BASE_URL, proxyURL: PROXY_URL });
    print({ ok: true, via, task });
  }
} catch (error) {
  print({ ok: false, error: describe(error) });
}
clearTimeout(hang);
