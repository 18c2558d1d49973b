import { firstCallWaitsUnderFakeTimers } from '../support/first-call.js';

// From the source, where the engine is imported statically.
firstCallWaitsUnderFakeTimers(() => import('../../src/index.js'));
