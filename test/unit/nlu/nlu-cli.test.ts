import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { createIntentClassifier } from '../../../lambdas/core/nlu/index.js';
import { CliError, classifyLines, corpusJson, runEval } from '../../../scripts/nlu/nlu-cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'nlu-cli-'));
function file(name: string, content: unknown): string {
  const target = path.join(dir, name);
  writeFileSync(target, typeof content === 'string' ? content : JSON.stringify(content));
  return target;
}

const tinyTrain = file('train.json', [
  ...['where is my order', 'track my package', 'when will my order arrive', 'has my parcel shipped', 'order status please', 'where is my delivery', 'my package is late', 'tracking number for my order'].map((text) => ({ text, intent: 'order_status' })),
  ...['i want a refund', 'refund my money', 'how do i get my money back', 'return this for a refund', 'refund please', 'can i be refunded', 'money back for a broken item', 'i want my payment refunded'].map((text) => ({ text, intent: 'refund' })),
  ...['reset my password', 'i forgot my password', 'cant log in to my account', 'change my password', 'password reset link', 'locked out of my account', 'login not working', 'new password please'].map((text) => ({ text, intent: 'password' })),
]);
const tinyTest = file('test.json', [
  { text: 'where is my parcel', intent: 'order_status' },
  { text: 'i would like a refund', intent: 'refund' },
  { text: 'forgot my password again', intent: 'password' },
  { text: 'what is the capital of peru', intent: 'chit_chat' },
  { text: 'zebra violin oregano', intent: 'chit_chat' },
]);

describe('nlu:eval', () => {
  test('scores a tiny corpus: in-scope right, unknown intents refused, as one JSON object', async () => {
    const { text } = await runEval(['--train', tinyTrain, '--test', tinyTest, '--json']);
    const report = JSON.parse(text);
    expect(Object.keys(report).sort()).toEqual(['accuracy', 'inScopeAccuracy', 'msPerUtterance', 'oosRecall', 'trainMs']);
    expect(report.inScopeAccuracy).toBe(1);
    expect(report.oosRecall).toBe(1);
    expect(report.accuracy).toBe(1);
  });

  test('prints a readable report without --json', async () => {
    const { text } = await runEval(['--train', tinyTrain, '--test', tinyTest]);
    expect(text).toMatch(/in-scope accuracy:\s+1\.000/);
    expect(text).toMatch(/out-of-scope recall:\s+1\.000/);
  });

  test.each([
    ['a missing file', ['--train', path.join(dir, 'nope.json'), '--test', tinyTest], /Cannot read .*nope\.json/],
    ['malformed JSON', ['--train', file('bad.json', '[{"text": '), '--test', tinyTest], /not valid JSON/],
    ['not a corpus', ['--train', file('object.json', { text: 'hi' }), '--test', tinyTest], /JSON array of/],
    ['an item without intent', ['--train', file('nointent.json', [{ text: 'hi' }]), '--test', tinyTest], /intent/],
    ['an empty corpus', ['--train', file('empty.json', []), '--test', tinyTest], /no training utterances/],
    ['a test set with no in-scope item', ['--train', tinyTrain, '--test', file('oos.json', [{ text: 'hello', intent: 'greeting' }])], /no in-scope item/],
    ['missing arguments', ['--train', tinyTrain], /Usage/],
  ])('rejects %s with a clear error', async (_case, args, message) => {
    await expect(runEval(args)).rejects.toThrow(CliError);
    await expect(runEval(args)).rejects.toThrow(message);
  });
});

describe('classify', () => {
  test('writes one JSON object per input line', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let written = '';
    output.on('data', (chunk: Buffer) => (written += chunk.toString()));
    input.end('where is my technician\n\ncancelar mi cita\nSTOP\n');
    await classifyLines(createIntentClassifier(), input, output);
    const lines = written.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines).toEqual([
      expect.objectContaining({ text: 'where is my technician', intent: 'technician_eta', language: 'en' }),
      expect.objectContaining({ text: 'cancelar mi cita', intent: 'appointment_cancel', language: 'es' }),
      expect.objectContaining({ text: 'STOP', intent: 'opt_out', confidence: 1 }),
    ]);
    for (const line of lines) expect(Object.keys(line).sort()).toEqual(['confidence', 'intent', 'language', 'text']);
  });
});

describe('nlu:corpus', () => {
  test('lists the product utterances as { text, intent, language }', () => {
    const corpus = JSON.parse(corpusJson());
    expect(corpus.length).toBeGreaterThan(480);
    expect(new Set(corpus.map((item: { intent: string }) => item.intent))).toEqual(
      new Set(['technician_eta', 'appointment_cancel', 'appointment_reschedule', 'talk_to_agent', 'out_of_scope']),
    );
    for (const item of corpus) expect(Object.keys(item).sort()).toEqual(['intent', 'language', 'text']);
  });
});
