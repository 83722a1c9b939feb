import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AttributeType, BillingMode, type ITable, Table, TableEncryption, type TableProps } from 'aws-cdk-lib/aws-dynamodb';
import { type IKey, Key } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import type { SwitchboardConfig } from './config.js';

export interface StatefulStackProps extends StackProps {
  readonly config: SwitchboardConfig;
}

/**
 * Everything that holds data: the key and the tables. Every resource here is retained when
 * removed from the app or when the stack is deleted, and the stack itself has termination
 * protection, so no code deploy can take customer data with it.
 */
export class StatefulStack extends Stack {
  /** Encrypts every table (and, later, the escalation topic and queues). */
  readonly dataKey: IKey;
  /** Customers, phone→customer links, technicians, appointments. */
  readonly directoryTable: ITable;
  /** Threads, conversations, transcript messages, inbound-message idempotency records. */
  readonly conversationsTable: ITable;

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

    const retainedTable = (tableId: string, props: Pick<TableProps, 'timeToLiveAttribute'> = {}) =>
      new Table(this, tableId, {
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

    const directory = retainedTable('DirectoryTable');
    directory.addGlobalSecondaryIndex({
      indexName: 'byCustomer',
      partitionKey: { name: 'gsi1pk', type: AttributeType.STRING },
      sortKey: { name: 'gsi1sk', type: AttributeType.STRING },
    });
    directory.addGlobalSecondaryIndex({
      indexName: 'byRoute',
      partitionKey: { name: 'gsi2pk', type: AttributeType.STRING },
      sortKey: { name: 'gsi2sk', type: AttributeType.STRING },
    });
    this.directoryTable = directory;

    const conversations = retainedTable('ConversationsTable', { timeToLiveAttribute: 'expiresAt' });
    conversations.addGlobalSecondaryIndex({
      indexName: 'byQueue',
      partitionKey: { name: 'queuePk', type: AttributeType.STRING },
      sortKey: { name: 'queueSk', type: AttributeType.STRING },
    });
    this.conversationsTable = conversations;

    new CfnOutput(this, 'DirectoryTableName', {
      description: 'DIRECTORY_TABLE: customers, phones, technicians, appointments (npm run import writes here)',
      value: directory.tableName,
    });
    new CfnOutput(this, 'ConversationsTableName', {
      description: 'CONVERSATIONS_TABLE: threads, conversations, transcripts',
      value: conversations.tableName,
    });
  }
}
