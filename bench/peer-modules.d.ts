/** Types for the benchmark's peers (JavaScript packages without type declarations). */
declare module '@nlpjs/core' {
  interface Container {
    use(plugin: unknown): void;
    get(name: 'nlp'): {
      settings: { autoSave: boolean };
      addLanguage(locale: string): void;
      addDocument(locale: string, utterance: string, intent: string): void;
      train(): Promise<void>;
      process(locale: string, utterance: string): Promise<{ intent: string; score: number }>;
    };
  }
  export function containerBootstrap(): Promise<Container>;
}

declare module '@nlpjs/nlp' {
  export const Nlp: unknown;
}

declare module '@nlpjs/lang-en-min' {
  export const LangEn: unknown;
}

declare module 'natural/lib/natural/classifiers/bayes_classifier.js' {
  export default class BayesClassifier {
    addDocument(text: string, label: string): void;
    train(): void;
    classify(text: string): string;
  }
}

declare module 'natural/lib/natural/classifiers/logistic_regression_classifier.js' {
  export default class LogisticRegressionClassifier {
    addDocument(text: string, label: string): void;
    train(): void;
    classify(text: string): string;
  }
}
