import { defineConfig } from 'vitest/config';

const conditions = ['@liangdian/source'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'integration-sqlite',
          include: ['packages/server/src/**/*.int.test.ts'],
          env: { LIANGDIAN_TEST_DB: 'sqlite' },
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration-postgres',
          include: ['packages/server/src/**/*.int.test.ts'],
          env: { LIANGDIAN_TEST_DB: 'postgres' },
          globalSetup: ['packages/server/src/test/postgres-global-setup.ts'],
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.test.ts'],
          globalSetup: ['e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
