/** How the service names a coded value, in Vietnamese and in English. */
export interface Label {
  readonly vi: string;
  readonly en: string;
}

/** A coded list: every code with its labels. Keyed by code, so no code goes unlabelled. */
export type Vocabulary<Code extends string> = Readonly<Record<Code, Label>>;

/** The codes of a vocabulary, in the order they are listed. */
export function codesOf<Code extends string>(vocabulary: Vocabulary<Code>): readonly Code[] {
  return Object.keys(vocabulary) as Code[];
}

/** `code (English / Vietnamese)` for every code: for API documentation. */
export function describeVocabulary<Code extends string>(vocabulary: Vocabulary<Code>): string {
  return codesOf(vocabulary)
    .map((code) => `\`${code}\` (${vocabulary[code].en} / ${vocabulary[code].vi})`)
    .join(', ');
}
