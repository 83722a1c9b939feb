import { basename, join } from 'node:path';
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { type ICommandHooks, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { projectRoot } from '../project-paths.js';

/** Where Powertools Metrics puts the product's custom metrics (the dashboard and alarms read them there). */
export const METRICS_NAMESPACE = 'Switchboard';

export interface SwitchboardFunctionProps {
  /** Handler file, relative to the project root, exporting `handler`. */
  readonly entry: string;
  readonly description?: string;
  /** Powertools service name: how this function's logs, metrics and traces are grouped. */
  readonly serviceName: string;
  readonly environment?: Record<string, string>;
  /** @default 512 */
  readonly memorySize?: number;
  /** @default 10 seconds: Twilio gives up on a webhook after 15 s. */
  readonly timeout?: Duration;
  /** Files (relative to the project root) copied next to the bundle, for the handler to read at run time. */
  readonly copyFiles?: readonly string[];
}

export type TableAccess = 'read' | 'readWrite';

/** A table and the global secondary indexes the functions may query. */
export interface DataTable {
  readonly table: ITable;
  readonly indexNames: readonly string[];
}

// The data-plane actions of the CDK's grantReadData/grantReadWriteData, on named resources only.
const TABLE_READ_ACTIONS = ['dynamodb:BatchGetItem', 'dynamodb:ConditionCheckItem', 'dynamodb:DescribeTable', 'dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan'];
const TABLE_WRITE_ACTIONS = ['dynamodb:BatchWriteItem', 'dynamodb:DeleteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'];
const KEY_READ_ACTIONS = ['kms:Decrypt', 'kms:DescribeKey'];
const KEY_WRITE_ACTIONS = ['kms:Encrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*'];

/**
 * A Switchboard Lambda function: Node.js 22 on ARM64, bundled by the local esbuild (never
 * Docker) as minified ESM with source maps, traced, logging to its own log group with a set
 * retention. Its role starts with nothing but writing to that log group (and X-Ray);
 * every other permission arrives with the setting that needs it, through `bind*`.
 */
export class SwitchboardFunction extends Construct {
  readonly function: NodejsFunction;
  private readonly role: Role;
  /** cdk-nag suppressions already recorded on the role, so binding twice adds none twice. */
  private readonly suppressed = new Set<string>();

  constructor(scope: Construct, id: string, props: SwitchboardFunctionProps) {
    super(scope, id);

    const logGroup = new LogGroup(this, 'Logs', { retention: RetentionDays.ONE_MONTH });
    // An explicit role instead of AWSLambdaBasicExecutionRole, whose log permissions are on `*`.
    const role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    logGroup.grantWrite(role);
    this.role = role;
    this.suppressWildcard('Resource::*', 'X-Ray (active tracing) has no resource-level permissions: PutTraceSegments and PutTelemetryRecords only take "*".');

    this.function = new NodejsFunction(this, 'Function', {
      entry: join(projectRoot, props.entry),
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      tracing: Tracing.ACTIVE,
      role,
      logGroup,
      projectRoot,
      depsLockFilePath: join(projectRoot, 'package-lock.json'),
      environment: {
        ...props.environment,
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        // Events hold phone numbers and message bodies: never logged.
        POWERTOOLS_LOGGER_LOG_EVENT: 'false',
        NODE_OPTIONS: '--enable-source-maps',
      },
      bundling: {
        forceDockerBundling: false,
        format: OutputFormat.ESM,
        target: 'node22',
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        mainFields: ['module', 'main'],
        // The runtime ships the AWS SDK v3; bundling it would only grow the cold start.
        externalModules: ['@aws-sdk/*', '@smithy/*'],
        // CommonJS dependencies bundled into ESM still call require() for Node built-ins.
        banner: "import { createRequire as __sbCreateRequire } from 'node:module'; const require = __sbCreateRequire(import.meta.url);",
        commandHooks: props.copyFiles && copyIntoBundle(props.copyFiles),
      },
    });
    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Pinned to nodejs22.x (LTS, supported by Lambda into 2027) on purpose: the bundle targets node22 and the bench measures its cold load there; moving to nodejs24.x is a tested change, not a lint fix.',
    });
  }

  /**
   * Puts the table's name in `envVarName` and grants data access to the table and the named
   * indexes (each by its ARN, not `index/*`), and the use of the table's key.
   */
  bindTable({ table, indexNames }: DataTable, envVarName: string, access: TableAccess = 'read'): this {
    this.function.addEnvironment(envVarName, table.tableName);
    const actions = access === 'readWrite' ? [...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS] : TABLE_READ_ACTIONS;
    this.function.addToRolePolicy(
      new PolicyStatement({ actions, resources: [table.tableArn, ...indexNames.map((name) => `${table.tableArn}/index/${name}`)] }),
    );
    if (table.encryptionKey) {
      table.encryptionKey.grant(this.function, ...(access === 'readWrite' ? [...KEY_READ_ACTIONS, ...KEY_WRITE_ACTIONS] : KEY_READ_ACTIONS));
      if (access === 'readWrite') this.suppressDataKeyWildcards();
    }
    return this;
  }

  /** Puts the topic's ARN in `envVarName` and grants publishing to it (and encrypting with its key). */
  bindTopic(topic: ITopic, envVarName: string): this {
    this.function.addEnvironment(envVarName, topic.topicArn);
    topic.grantPublish(this.function);
    this.suppressDataKeyWildcards();
    return this;
  }

  /** Puts the queue's URL in `envVarName` and grants sending to it (and encrypting with its key). */
  bindQueue(queue: IQueue, envVarName: string): this {
    this.function.addEnvironment(envVarName, queue.queueUrl);
    queue.grantSendMessages(this.function);
    this.suppressDataKeyWildcards();
    return this;
  }

  /**
   * Puts an Amazon Location route calculator's name in `envVarName` and grants calculating
   * routes with that calculator only.
   */
  bindRouteCalculator(calculatorName: string, envVarName: string): this {
    this.function.addEnvironment(envVarName, calculatorName);
    this.function.addToRolePolicy(
      new PolicyStatement({
        actions: ['geo:CalculateRoute'],
        resources: [Stack.of(this).formatArn({ service: 'geo', resource: 'route-calculator', resourceName: calculatorName })],
      }),
    );
    return this;
  }

  /**
   * Puts the secret's name (never its value) in `envVarName` for the function to fetch at
   * cold start, and grants reading that one secret.
   */
  bindSecret(secret: ISecret, envVarName: string): this {
    this.function.addEnvironment(envVarName, secret.secretName);
    secret.grantRead(this.function);
    return this;
  }

  /** Wildcards the CDK's own grants write into this function's policy, each accepted for its reason. */
  private suppressWildcard(finding: string, reason: string): void {
    if (this.suppressed.has(finding)) return;
    this.suppressed.add(finding);
    Validations.of(this.role).acknowledge({ id: `AwsSolutions-IAM5[${finding}]`, reason });
  }

  private suppressDataKeyWildcards(): void {
    this.suppressWildcard(
      'Action::kms:GenerateDataKey*',
      'Encrypting with the one customer-managed key of the bound table, topic or queue (GenerateDataKey and GenerateDataKeyWithoutPlaintext).',
    );
    this.suppressWildcard('Action::kms:ReEncrypt*', 'Re-encrypting under the same customer-managed key of the bound table; resource is that key only.');
  }
}

/** esbuild bundles code only; these files are copied beside `index.mjs` after each bundling. */
function copyIntoBundle(files: readonly string[]): ICommandHooks {
  return {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (inputDir, outputDir) => files.map((file) => `cp "${join(inputDir, file)}" "${join(outputDir, basename(file))}"`),
  };
}
