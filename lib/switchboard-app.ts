import { type App, Tags } from 'aws-cdk-lib';
import { loadConfig, type SwitchboardConfig } from './config.js';
import { StatefulStack } from './stateful-stack.js';
import { StatelessStack } from './stateless-stack.js';

export interface SwitchboardStacks {
  readonly config: SwitchboardConfig;
  readonly stateful: StatefulStack;
  readonly stateless: StatelessStack;
}

/** Adds one Switchboard environment to the app, configured from the app's context. */
export function addSwitchboard(app: App): SwitchboardStacks {
  const config = loadConfig((key) => app.node.tryGetContext(key));
  const env = config.account || config.region ? { account: config.account, region: config.region } : undefined;
  const prefix = `Switchboard-${config.environmentName}`;

  const stateful = new StatefulStack(app, `${prefix}-Stateful`, {
    description: `Switchboard ${config.environmentName}: data (keys, tables, topics, queues, agent user pool), retained`,
    env,
    config,
  });
  const stateless = new StatelessStack(app, `${prefix}-Stateless`, {
    description: `Switchboard ${config.environmentName}: HTTP API and functions`,
    env,
    config,
    directory: stateful.directory,
    conversations: stateful.conversations,
    eventsTopic: stateful.eventsTopic,
    outboundQueue: stateful.outboundQueue,
    outboundDeadLetterQueue: stateful.outboundDeadLetterQueue,
    alarmsTopic: stateful.alarmsTopic,
    agentUserPool: stateful.agentUserPool,
    agentUserPoolClient: stateful.agentUserPoolClient,
  });

  for (const stack of [stateful, stateless]) {
    Tags.of(stack).add('app', 'switchboard');
    Tags.of(stack).add('environment', config.environmentName);
  }
  return { config, stateful, stateless };
}
