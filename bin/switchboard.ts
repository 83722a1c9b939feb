import { App } from 'aws-cdk-lib';
import { InvalidConfigError } from '../lib/config.js';
import { addSwitchboard } from '../lib/switchboard-app.js';

const app = new App();
try {
  addSwitchboard(app);
} catch (error) {
  // A deployer needs the setting to fix, not a stack trace through the CDK.
  if (!(error instanceof InvalidConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}
app.synth();
