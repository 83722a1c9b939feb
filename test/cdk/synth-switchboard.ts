import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { projectRoot } from '../../lib/project-paths.js';
import { addSwitchboard } from '../../lib/switchboard-app.js';

/** The context a plain `npx cdk synth` sees: cdk.json's, feature flags included. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(join(projectRoot, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> };
  return cdkJson.context;
}

/**
 * Synthesizes the real app in-process, with cdk.json's context and the given settings laid
 * over its `switchboard` object. The webhook is bundled by the real esbuild; identical
 * bundles are cached by the CDK within one test file.
 */
export function synthSwitchboard(settings: Record<string, unknown> = {}) {
  const context = cdkJsonContext();
  const app = new App({
    context: {
      ...context,
      switchboard: { ...(context.switchboard as object), ...settings },
      // As the CLI does: construct paths and asset locations in the metadata let tests
      // find resources by what they are and open the bundle that would be uploaded.
      'aws:cdk:enable-path-metadata': true,
      'aws:cdk:enable-asset-metadata': true,
    },
  });
  const stacks = addSwitchboard(app);
  const assembly = app.synth();
  return {
    config: stacks.config,
    stacks,
    assembly,
    stateful: Template.fromStack(stacks.stateful),
    stateless: Template.fromStack(stacks.stateless),
  };
}

type Cfn = unknown;
type Outputs = Record<string, { Value: Cfn; Export?: { Name: Cfn } }>;

/**
 * Renders a CloudFormation value as readable text, following cross-stack references
 * (`Fn::GetStackOutput` or `Fn::ImportValue`) back to the producing stack's resource, so a
 * test can say "the Directory table's ARN" whether references are weak or strong:
 * `{ "Fn::GetAtt": ["DirectoryTable8D5AD835", "Arn"] }` → `${DirectoryTable8D5AD835.Arn}`.
 */
export function describeValue(value: Cfn, producerOutputs: Outputs = {}): string {
  const describe = (v: Cfn): string => {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
    if (Array.isArray(v)) return `[${v.map(describe).join(', ')}]`;
    const record = v as Record<string, unknown>;
    if ('Ref' in record) return `\${${String(record.Ref)}}`;
    if ('Fn::GetAtt' in record) return `\${${(record['Fn::GetAtt'] as string[]).join('.')}}`;
    if ('Fn::Join' in record) {
      const [separator, parts] = record['Fn::Join'] as [string, Cfn[]];
      return parts.map(describe).join(separator);
    }
    if ('Fn::GetStackOutput' in record) {
      const { OutputName } = record['Fn::GetStackOutput'] as { OutputName: string };
      const output = producerOutputs[OutputName];
      if (!output) throw new Error(`no output ${OutputName} in the producing stack`);
      return describe(output.Value);
    }
    if ('Fn::ImportValue' in record) {
      const name = record['Fn::ImportValue'];
      const output = Object.values(producerOutputs).find((o) => JSON.stringify(o.Export?.Name) === JSON.stringify(name));
      if (!output) throw new Error(`no export ${JSON.stringify(name)} in the producing stack`);
      return describe(output.Value);
    }
    return JSON.stringify(v);
  };
  return describe(value);
}

/** The logical id of the only resource of `type` whose construct path ends with `pathEnd`. */
export function logicalIdOf(template: Template, type: string, pathEnd: string): string {
  const ids = Object.entries(template.findResources(type))
    .filter(([, resource]) => String(resource.Metadata?.['aws:cdk:path'] ?? '').endsWith(pathEnd))
    .map(([id]) => id);
  if (ids.length !== 1) throw new Error(`expected one ${type} at …${pathEnd}, found ${ids.length}`);
  return ids[0]!;
}
