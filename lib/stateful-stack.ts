import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { AccountRecovery, type IUserPool, type IUserPoolClient, Mfa, UserPool } from 'aws-cdk-lib/aws-cognito';
import { AttributeType, BillingMode, Table, TableEncryption, type TableProps } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { type IKey, Key } from 'aws-cdk-lib/aws-kms';
import { type ITopic, Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { type IQueue, Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { SwitchboardConfig } from './config.js';
import type { DataTable } from './constructs/switchboard-function.js';

/**
 * The outbound sender's timeout. The queue hides a message for six times as long, as AWS
 * advises for Lambda event sources, so a slow batch is not picked up and sent twice.
 */
export const OUTBOUND_SENDER_TIMEOUT = Duration.seconds(30);
/** Sends that fail this many times move to the dead-letter queue (and raise the DLQ alarm). */
export const OUTBOUND_MAX_RECEIVE_COUNT = 5;

export interface StatefulStackProps extends StackProps {
  readonly config: SwitchboardConfig;
}

/**
 * Everything that holds data or identities: the keys, the tables, the topics, the queues and
 * the agents' user pool. Every resource here is retained when
 * removed from the app or when the stack is deleted, and the stack itself has termination
 * protection, so no code deploy can take customer data with it.
 */
export class StatefulStack extends Stack {
  /** Encrypts every table, the escalation topic and the outbound queues. */
  readonly dataKey: IKey;
  /** `conversation.escalated` events (docs/agent-api.md), for any live-chat system to subscribe. */
  readonly eventsTopic: ITopic;
  /** Messages waiting to go out through Twilio; a Twilio outage delays them, never loses them. */
  readonly outboundQueue: IQueue;
  /** Outbound messages that failed every retry, kept 14 days for a redrive. */
  readonly outboundDeadLetterQueue: IQueue;
  /** Where every alarm of this environment notifies. */
  readonly alarmsTopic: ITopic;
  /** Agents of the console: created by ops (`admin-create-user`), no self sign-up. */
  readonly agentUserPool: IUserPool;
  /** The console's app client: the JWT authorizer accepts tokens issued to it only. */
  readonly agentUserPoolClient: IUserPoolClient;
  /** Customers, phone→customer links, technicians, appointments. */
  readonly directory: DataTable;
  /** Threads, conversations, transcript messages, inbound-message idempotency records. */
  readonly conversations: DataTable;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, { terminationProtection: true, ...props });
    const { environmentName } = props.config;

    const dataKey = new Key(this, 'DataKey', {
      description: `Switchboard ${environmentName}: encrypts customer data at rest`,
      alias: `alias/switchboard-${environmentName}-data`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.dataKey = dataKey;

    /** A retained table keyed by pk/sk, with string-keyed global indexes `{ name: [partition, sort] }`. */
    const retainedTable = (tableId: string, indexes: Record<string, [string, string]>, props: Pick<TableProps, 'timeToLiveAttribute'> = {}): DataTable => {
      const table = new Table(this, tableId, {
        partitionKey: { name: 'pk', type: AttributeType.STRING },
        sortKey: { name: 'sk', type: AttributeType.STRING },
        billingMode: BillingMode.PAY_PER_REQUEST,
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        encryption: TableEncryption.CUSTOMER_MANAGED,
        encryptionKey: dataKey,
        deletionProtection: true,
        removalPolicy: RemovalPolicy.RETAIN,
        ...props,
      });
      for (const [indexName, [partition, sort]] of Object.entries(indexes)) {
        table.addGlobalSecondaryIndex({
          indexName,
          partitionKey: { name: partition, type: AttributeType.STRING },
          sortKey: { name: sort, type: AttributeType.STRING },
        });
      }
      return { table, indexNames: Object.keys(indexes) };
    };

    this.directory = retainedTable('DirectoryTable', { byCustomer: ['gsi1pk', 'gsi1sk'], byRoute: ['gsi2pk', 'gsi2sk'] });
    this.conversations = retainedTable('ConversationsTable', { byQueue: ['queuePk', 'queueSk'] }, { timeToLiveAttribute: 'expiresAt' });

    this.eventsTopic = new Topic(this, 'EventsTopic', {
      displayName: `Switchboard ${environmentName} conversation events`,
      masterKey: dataKey,
      enforceSSL: true,
    });
    // Subscriptions of live-chat systems live on the topic: replacing it would silently drop them.
    this.eventsTopic.applyRemovalPolicy(RemovalPolicy.RETAIN);

    const outboundQueue = this.addOutboundQueues(dataKey);
    this.outboundQueue = outboundQueue.queue;
    this.outboundDeadLetterQueue = outboundQueue.deadLetterQueue;
    this.alarmsTopic = this.addAlarmsTopic(environmentName, props.config.alarmEmail);

    const agents = this.addAgentUserPool(environmentName);
    this.agentUserPool = agents.userPool;
    this.agentUserPoolClient = agents.client;

    new CfnOutput(this, 'DirectoryTableName', {
      description: 'DIRECTORY_TABLE: customers, phones, technicians, appointments (npm run import writes here)',
      value: this.directory.table.tableName,
    });
    new CfnOutput(this, 'ConversationsTableName', {
      description: 'CONVERSATIONS_TABLE: threads, conversations, transcripts',
      value: this.conversations.table.tableName,
    });
    new CfnOutput(this, 'EventsTopicArn', {
      description: 'Subscribe a live-chat system here: conversation.escalated events, filterable by message attributes',
      value: this.eventsTopic.topicArn,
    });
    new CfnOutput(this, 'OutboundDeadLetterQueueUrl', {
      description: 'Outbound messages that failed every retry: inspect, then redrive (docs/deploy.md)',
      value: this.outboundDeadLetterQueue.queueUrl,
    });
    new CfnOutput(this, 'AlarmsTopicArn', { description: 'Alarm notifications: subscribe on-call here', value: this.alarmsTopic.topicArn });
    new CfnOutput(this, 'AgentUserPoolId', { description: 'Cognito user pool of the agents (admin-create-user)', value: agents.userPool.userPoolId });
    new CfnOutput(this, 'AgentUserPoolClientId', { description: 'App client id agents sign in with (initiate-auth)', value: agents.client.userPoolClientId });
  }

  private addOutboundQueues(dataKey: IKey) {
    const deadLetterQueue = new Queue(this, 'OutboundDeadLetterQueue', {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: dataKey,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const queue = new Queue(this, 'OutboundQueue', {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: dataKey,
      // One data key per 5 minutes instead of a KMS call per message (cost, docs/deploy.md).
      dataKeyReuse: Duration.minutes(5),
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(OUTBOUND_SENDER_TIMEOUT.toSeconds() * 6),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: OUTBOUND_MAX_RECEIVE_COUNT },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    return { queue, deadLetterQueue };
  }

  /**
   * Alarms carry no customer data, so they have a key of their own that CloudWatch may use,
   * rather than opening the customer data key to the CloudWatch service.
   */
  private addAlarmsTopic(environmentName: string, alarmEmail: string | undefined): ITopic {
    const alarmsKey = new Key(this, 'AlarmsKey', {
      description: `Switchboard ${environmentName}: encrypts alarm notifications`,
      alias: `alias/switchboard-${environmentName}-alarms`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const cloudWatch = new ServicePrincipal('cloudwatch.amazonaws.com');
    alarmsKey.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsPublishEncrypted',
        principals: [cloudWatch],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        // In a key policy `*` means this key.
        resources: ['*'],
      }),
    );
    const topic = new Topic(this, 'AlarmsTopic', {
      displayName: `Switchboard ${environmentName} alarms`,
      masterKey: alarmsKey,
      enforceSSL: true,
    });
    topic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsOfThisAccount',
        principals: [cloudWatch],
        actions: ['sns:Publish'],
        resources: [topic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': this.account },
          ArnLike: { 'aws:SourceArn': `arn:${this.partition}:cloudwatch:${this.region}:${this.account}:alarm:*` },
        },
      }),
    );
    if (alarmEmail) topic.addSubscription(new EmailSubscription(alarmEmail));
    return topic;
  }

  private addAgentUserPool(environmentName: string) {
    const userPool = new UserPool(this, 'AgentUserPool', {
      userPoolName: `switchboard-${environmentName}-agents`,
      // Agents are people the company hires: ops create them (docs/deploy.md).
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      signInCaseSensitive: false,
      standardAttributes: { email: { required: true, mutable: true } },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(userPool).acknowledge(
      {
        id: 'AwsSolutions-COG2',
        reason: 'MFA is optional (TOTP): agents enrol an authenticator app; requiring it is a per-company policy set in the pool.',
      },
      {
        id: 'AwsSolutions-COG3',
        reason: 'Threat protection needs the Cognito Plus plan (billed per user); the optional WAF (enableWaf) rate-limits sign-in instead.',
      },
      {
        id: 'AwsSolutions-COG8',
        reason: 'Essentials plan: a handful of agents sign in with a password (and optional TOTP); Plus features (threat protection) are billed per user and not needed.',
      },
    );
    const client = userPool.addClient('ConsoleClient', {
      userPoolClientName: 'agent-console',
      // The console is a browser page: a client secret could not be kept there.
      generateSecret: false,
      authFlows: { userPassword: true, userSrp: true },
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.hours(8),
      accessTokenValidity: Duration.hours(8),
      refreshTokenValidity: Duration.days(1),
      enableTokenRevocation: true,
    });
    return { userPool, client };
  }
}
