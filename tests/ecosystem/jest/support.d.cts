// Types of support.cjs, for the ts-jest project's type check.
export declare function runScenario(
  sdk: object,
  testPath: string,
  options?: { loadFailure?: boolean; entry?: string },
): Promise<void>;
