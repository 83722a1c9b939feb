import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
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
// Every synth is checked against the AWS Solutions rules: an unacknowledged finding stops it.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
