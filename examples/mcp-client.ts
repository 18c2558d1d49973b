// An agent's view of `evolink-wan mcp`: an MCP client (the official SDK) starts the server over stdio, lists its
// tools and calls one, as Claude Desktop, Cursor or VS Code do. The server reads EVOLINK_API_KEY from its environment.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const env: Record<string, string> = { ...getDefaultEnvironment() };
for (const name of ['EVOLINK_API_KEY', 'EVOLINK_BASE_URL', 'EVOLINK_FILES_BASE_URL']) {
  const value = process.env[name];
  if (value !== undefined) env[name] = value;
}
// `npx evolink-wan mcp` in an MCP host's config; here the bin of this checkout.
const transport = new StdioClientTransport({ command: process.execPath, args: ['dist/cli.js', 'mcp', '--max-seconds', '60'], env });
const client = new Client({ name: 'evolink-wan-example', version: '1.0.0' });
await client.connect(transport);

const { tools } = await client.listTools();
console.log(`${tools.length} tools: ${tools.map((t) => t.name).join(', ')}`);

// Invalid parameters come back as an error result with the SDK's message; nothing is billed.
const refused = await client.callTool({ name: 'wan2_7_text_to_video', arguments: { prompt: 'A cat', duration: 60 } });
console.log(`duration 60: isError ${refused.isError}`);

const result = await client.callTool(
  { name: 'wan2_7_text_to_video', arguments: { prompt: 'A kitten running under the moonlight', duration: 5 } },
  undefined,
  // A video takes minutes: each progress notification restarts the client's 60 s request timeout.
  { onprogress: (p) => console.log(`progress ${p.progress}/${p.total} ${p.message}`), resetTimeoutOnProgress: true },
);
const [first] = result.content as { type: string; text: string }[];
console.log(`completed: ${JSON.parse(first?.text ?? '{}').url}`);
await client.close();
