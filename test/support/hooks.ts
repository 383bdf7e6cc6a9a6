import { stopServers } from './servers';

// Mocha root hooks: the servers started during the run are stopped once at its end.
export const mochaHooks = {
  async afterAll(this: Mocha.Context) {
    this.timeout(60_000);
    await stopServers();
  },
};
