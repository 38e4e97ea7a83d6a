// Jest reads testTimeout only from the global configuration: browser tests get 90 s.
jest.setTimeout(90_000);
