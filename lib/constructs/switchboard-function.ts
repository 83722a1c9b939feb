import { join } from 'node:path';
import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { projectRoot } from '../project-paths.js';

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
}

export type TableAccess = 'read' | 'readWrite';

/**
 * A Switchboard Lambda function: Node.js 22 on ARM64, bundled by the local esbuild (never
 * Docker) as minified ESM with source maps, traced, logging to its own log group with a set
 * retention. Its role starts with nothing but writing to that log group (and X-Ray);
 * every other permission arrives with the setting that needs it, through `bind*`.
 */
export class SwitchboardFunction extends Construct {
  readonly function: NodejsFunction;

  constructor(scope: Construct, id: string, props: SwitchboardFunctionProps) {
    super(scope, id);

    const logGroup = new LogGroup(this, 'Logs', { retention: RetentionDays.ONE_MONTH });
    // An explicit role instead of AWSLambdaBasicExecutionRole, whose log permissions are on `*`.
    const role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    logGroup.grantWrite(role);

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
      },
    });
  }

  /** Puts the table's name in `envVarName` and grants access to the table and its indexes. */
  bindTable(table: ITable, envVarName: string, access: TableAccess = 'read'): this {
    this.function.addEnvironment(envVarName, table.tableName);
    if (access === 'readWrite') table.grantReadWriteData(this.function);
    else table.grantReadData(this.function);
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
}
