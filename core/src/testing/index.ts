export { startFakeServer, type FakeServer, type FetchHandler } from './fake-server.js';
export { captureLogs } from './log-capture.js';
export { createTestPly, type TestPlyOptions } from './test-ply.js';
