import { firstCallWaitsUnderFakeTimers } from '../support/first-call.js';

// From the source, where the client imports its transport statically.
firstCallWaitsUnderFakeTimers(() => import('../../src/index.js'));
