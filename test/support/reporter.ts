import Mocha from 'mocha';

// Mocha's spec output, then the one plain closing line CI reads: "N passed, N failed".
class SpecWithTally extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const { passes = 0, failures = 0 } = runner.stats ?? {};
      console.log(`${passes} passed, ${failures} failed`);
    });
  }
}

export = SpecWithTally;
