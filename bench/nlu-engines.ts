import { containerBootstrap } from '@nlpjs/core';
import { LangEn } from '@nlpjs/lang-en-min';
import { Nlp } from '@nlpjs/nlp';
import BayesClassifier from 'natural/lib/natural/classifiers/bayes_classifier.js';
import LogisticRegressionClassifier from 'natural/lib/natural/classifiers/logistic_regression_classifier.js';
import { LinearIntentClassifier } from '../lambdas/core/nlu/linear-intent-classifier.js';
import { OUT_OF_SCOPE_LABEL } from '../lambdas/core/nlu/nlu-model.js';
import { type TrainingItem, type TrainOptions, trainModel } from '../lambdas/core/nlu/train-model.js';

/** A trained engine under benchmark: answers an intent, or null when it declines. */
export interface TrainedEngine {
  classify(text: string): Promise<string | null> | string | null;
}

export interface BenchEngine {
  name: string;
  /** What the row should say about how the engine was run (caps, settings). */
  note?: (train: readonly TrainingItem[]) => string | undefined;
  train(train: readonly TrainingItem[], options?: TrainOptions): Promise<TrainedEngine>;
}

/** natural's logistic regression trains in time that grows steeply with the corpus: capped. */
export const NATURAL_LR_MAX_TRAINING = 300;

const refusal = (label: string): string | null => (label === OUT_OF_SCOPE_LABEL ? null : label);

export const ENGINES: readonly BenchEngine[] = [
  {
    name: 'Switchboard',
    async train(train, options) {
      const classifier = LinearIntentClassifier.fromModel(trainModel(train, options));
      return { classify: (text) => classifier.classify(text).intent };
    },
  },
  {
    name: 'NLP.js 4 (defaults)',
    note: () => 'lang-en-min for every text',
    async train(train) {
      const container = await containerBootstrap();
      container.use(Nlp);
      container.use(LangEn);
      const nlp = container.get('nlp');
      nlp.settings.autoSave = false;
      nlp.addLanguage('en');
      for (const item of train) nlp.addDocument('en', item.text, item.intent);
      await quietly(() => nlp.train());
      return {
        async classify(text) {
          const { intent } = await nlp.process('en', text);
          return intent === 'None' ? null : refusal(intent);
        },
      };
    },
  },
  {
    name: 'natural Bayes',
    note: () => 'no out-of-scope answer',
    async train(train) {
      const classifier = new BayesClassifier();
      await quietly(() => {
        for (const item of train) classifier.addDocument(item.text, item.intent);
        classifier.train();
      });
      return { classify: (text) => refusal(classifier.classify(text)) };
    },
  },
  {
    name: 'natural LogisticRegression',
    note: (train) =>
      `no out-of-scope answer${train.length > NATURAL_LR_MAX_TRAINING ? `; trained on ${NATURAL_LR_MAX_TRAINING} of ${train.length} utterances (time cap)` : ''}`,
    async train(train) {
      const classifier = new LogisticRegressionClassifier();
      await quietly(() => {
        for (const item of evenSample(train, NATURAL_LR_MAX_TRAINING)) classifier.addDocument(item.text, item.intent);
        classifier.train();
      });
      return { classify: (text) => refusal(classifier.classify(text)) };
    },
  },
];

/** Peers print training progress and warnings on the console: kept out of the bench table. */
async function quietly<T>(body: () => T | Promise<T>): Promise<T> {
  const { log, warn } = console;
  console.log = () => undefined;
  console.warn = () => undefined;
  try {
    return await body();
  } finally {
    console.log = log;
    console.warn = warn;
  }
}

/** Every k-th item, so that each intent keeps its share of a capped corpus. */
function evenSample<T>(items: readonly T[], max: number): readonly T[] {
  if (items.length <= max) return items;
  const step = items.length / max;
  return Array.from({ length: max }, (_, index) => items[Math.floor(index * step)]!);
}
