import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// The pages render real Backstage and Material UI trees in jsdom; on a busy
// machine a first render can take seconds. These are upper bounds on waiting,
// not expectations about speed.
configure({ asyncUtilTimeout: 10_000 });
jest.setTimeout(30_000);
