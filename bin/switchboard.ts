import { App } from 'aws-cdk-lib';
import { addSwitchboard } from '../lib/switchboard-app.js';

const app = new App();
addSwitchboard(app);
app.synth();
