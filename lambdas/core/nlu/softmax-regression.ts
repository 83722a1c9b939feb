/**
 * Multinomial logistic regression (softmax) on sparse features, trained with AdaGrad and an
 * L2 penalty. Deterministic: the example order comes from a seeded generator.
 */
export interface SparseExample {
  indices: Int32Array;
  values: Float64Array;
  label: number;
}

export interface SoftmaxSettings {
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
}

export interface SoftmaxWeights {
  /** Row-major: weights[feature * classes + class]. */
  weights: Float64Array;
  bias: Float64Array;
  classes: number;
}

export function trainSoftmax(
  examples: readonly SparseExample[],
  featureCount: number,
  classes: number,
  settings: SoftmaxSettings,
): SoftmaxWeights {
  const weights = new Float64Array(featureCount * classes);
  const squaredGradients = new Float64Array(featureCount * classes).fill(1e-8);
  const bias = new Float64Array(classes);
  const biasSquared = new Float64Array(classes).fill(1e-8);
  const scores = new Float64Array(classes);
  const order = examples.map((_, index) => index);
  const random = seededRandom(settings.seed);
  for (let epoch = 0; epoch < settings.epochs; epoch++) {
    shuffle(order, random);
    for (const index of order) {
      const example = examples[index]!;
      scoreInto(scores, example, weights, bias, classes);
      softmaxInPlace(scores);
      for (let c = 0; c < classes; c++) {
        const error = scores[c]! - (c === example.label ? 1 : 0);
        biasSquared[c]! += error * error;
        bias[c]! -= (settings.learningRate * error) / Math.sqrt(biasSquared[c]!);
        for (let k = 0; k < example.indices.length; k++) {
          const slot = example.indices[k]! * classes + c;
          const gradient = error * example.values[k]! + settings.l2 * weights[slot]!;
          squaredGradients[slot]! += gradient * gradient;
          weights[slot]! -= (settings.learningRate * gradient) / Math.sqrt(squaredGradients[slot]!);
        }
      }
    }
  }
  return { weights, bias, classes };
}

export function scoreInto(
  scores: Float64Array,
  example: Pick<SparseExample, 'indices' | 'values'>,
  weights: Float64Array,
  bias: Float64Array,
  classes: number,
): void {
  scores.set(bias);
  for (let k = 0; k < example.indices.length; k++) {
    const row = example.indices[k]! * classes;
    const value = example.values[k]!;
    for (let c = 0; c < classes; c++) scores[c]! += weights[row + c]! * value;
  }
}

export function softmaxInPlace(scores: Float64Array): void {
  let max = -Infinity;
  for (const score of scores) if (score > max) max = score;
  let sum = 0;
  for (let c = 0; c < scores.length; c++) {
    const value = Math.exp(scores[c]! - max);
    scores[c] = value;
    sum += value;
  }
  for (let c = 0; c < scores.length; c++) scores[c]! /= sum;
}

/** Mulberry32: small, fast and good enough to shuffle training examples reproducibly. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: T[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}
