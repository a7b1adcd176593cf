import 'fake-indexeddb/auto';
import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(() => {
  cleanup();
  // view state kept for the session (the report hub's period) must not leak into the next test
  if (typeof sessionStorage !== 'undefined') sessionStorage.clear();
});
