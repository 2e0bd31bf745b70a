// Component tests: unmount between tests so one test's DOM never satisfies another's query.
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(() => cleanup());
