import { Metrics } from '@aws-lambda-powertools/metrics';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { PowertoolsMetricsRecorder } from '../../../lambdas/adapters/powertools/powertools-metrics-recorder.js';

interface EmfLine {
  _aws: { CloudWatchMetrics: Array<{ Namespace: string; Dimensions: string[][]; Metrics: Array<{ Name: string; Unit: string }> }> };
  [key: string]: unknown;
}

/** Runs `act` and returns the EMF lines Powertools wrote to stdout meanwhile. */
function emfWrittenBy(act: () => void): EmfLine[] {
  const lines: string[] = [];
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  try {
    act();
  } finally {
    write.mockRestore();
  }
  return lines.flatMap((text) => text.split('\n')).filter((line) => line.includes('_aws')).map((line) => JSON.parse(line) as EmfLine);
}

afterEach(() => vi.restoreAllMocks());

describe('PowertoolsMetricsRecorder', () => {
  test('counters and the reply latency go out in one EMF line per invocation, with the service dimension only', () => {
    // Prepare
    const recorder = new PowertoolsMetricsRecorder(new Metrics({ namespace: 'Switchboard', serviceName: 'switchboard-test' }));

    // Act
    const lines = emfWrittenBy(() => {
      recorder.count('MessagesIn');
      recorder.count('MessagesOut');
      recorder.count('Automated');
      recorder.duration('ReplyLatency', 42);
      recorder.flush();
    });

    // Assess
    expect(lines).toHaveLength(1);
    const [line] = lines;
    const directive = line!._aws.CloudWatchMetrics[0]!;
    expect(directive.Namespace).toBe('Switchboard');
    expect(directive.Dimensions).toEqual([['service']]);
    expect(directive.Metrics).toEqual(
      expect.arrayContaining([
        { Name: 'MessagesIn', Unit: 'Count' },
        { Name: 'Automated', Unit: 'Count' },
        { Name: 'ReplyLatency', Unit: 'Milliseconds' },
      ]),
    );
    expect(line).toMatchObject({ service: 'switchboard-test', MessagesIn: 1, MessagesOut: 1, Automated: 1, ReplyLatency: 42 });
  });

  test('an intent is its own metric with the intent dimension, and leaves the counters\' dimensions alone', () => {
    const recorder = new PowertoolsMetricsRecorder(new Metrics({ namespace: 'Switchboard', serviceName: 'switchboard-test' }));

    const lines = emfWrittenBy(() => {
      recorder.intentRecognised('technician_eta');
      recorder.count('Escalated');
      recorder.flush();
    });

    const intent = lines.find((line) => 'IntentRecognised' in line)!;
    expect(intent._aws.CloudWatchMetrics[0]!.Dimensions).toEqual([['service', 'intent']]);
    expect(intent).toMatchObject({ intent: 'technician_eta', IntentRecognised: 1 });
    const counters = lines.find((line) => 'Escalated' in line)!;
    expect(counters._aws.CloudWatchMetrics[0]!.Dimensions).toEqual([['service']]);
    expect(counters).not.toHaveProperty('intent');
  });

  test('an invocation that recorded nothing writes nothing', () => {
    const recorder = new PowertoolsMetricsRecorder(new Metrics({ namespace: 'Switchboard', serviceName: 'switchboard-test' }));
    expect(emfWrittenBy(() => recorder.flush())).toEqual([]);
  });
});
