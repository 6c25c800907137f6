// Configuration every test's Fiona gets unless the test says otherwise. scrypt at the production cost
// (log2 N = 15) spends ~0.1 s of CPU per sign-in or new user, which adds up to minutes over the suite;
// tests check what a password does, not how expensive its hash is (auth-rules.test.ts checks the default).
export const TEST_PASSWORD_COST = 10;

/** Overrides for loadConfig({ overrides }). */
export const TEST_CONFIG = { 'auth.passwordCost': TEST_PASSWORD_COST };

/** The same for a `fiona` child process's environment. */
export const TEST_ENV = { FIONA_AUTH_PASSWORD_COST: String(TEST_PASSWORD_COST) };
