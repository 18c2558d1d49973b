// Each `.edge.ts` module replaces its twin in the edge build (tsup.config.ts, `edgeSwap`): it must export exactly the
// same names with the same types, or code importing the twin would be checked against one API and run another.
import { expectTypeOf, test } from 'vitest';
import type * as FileSinkEdge from '../../../src/download/file-sink.edge.js';
import type * as FileSink from '../../../src/download/file-sink.js';
import type * as FileSourceEdge from '../../../src/media/file-source.edge.js';
import type * as FileSource from '../../../src/media/file-source.js';
import type * as Sha256Edge from '../../../src/media/sha256.edge.js';
import type * as Sha256 from '../../../src/media/sha256.js';
import type * as CompileFieldsEdge from '../../../src/models/compile-fields.edge.js';
import type * as CompileFields from '../../../src/models/compile-fields.js';
import type * as JsonSchemasCli from '../../../src/models/json-schemas.cli.js';
import type * as JsonSchemas from '../../../src/models/json-schemas.js';
import type * as PlatformEdge from '../../../src/transport/platform.edge.js';
import type * as Platform from '../../../src/transport/platform.js';

test('every edge module exports what its Node.js twin exports', () => {
  expectTypeOf<typeof PlatformEdge>().toEqualTypeOf<typeof Platform>();
  expectTypeOf<typeof FileSourceEdge>().toEqualTypeOf<typeof FileSource>();
  expectTypeOf<typeof FileSinkEdge>().toEqualTypeOf<typeof FileSink>();
  expectTypeOf<typeof Sha256Edge>().toEqualTypeOf<typeof Sha256>();
  expectTypeOf<typeof CompileFieldsEdge>().toEqualTypeOf<typeof CompileFields>();
});

test("the CLI build's twin exports what its module exports (tsup.config.ts, cliSwaps)", () => {
  expectTypeOf<typeof JsonSchemasCli>().toEqualTypeOf<typeof JsonSchemas>();
});
