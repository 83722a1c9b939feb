/** Types for the few files of `natural` the engine imports directly (its index pulls in databases). */
interface NaturalStemmer {
  stem(token: string): string;
}

declare module 'natural/lib/natural/stemmers/porter_stemmer.js' {
  const stemmer: NaturalStemmer;
  export default stemmer;
}

declare module 'natural/lib/natural/stemmers/porter_stemmer_es.js' {
  const stemmer: NaturalStemmer;
  export default stemmer;
}
