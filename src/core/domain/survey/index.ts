/** The survey tally, questionnaire and submission checks, re-verification sampling and the seeded PRNG (docs/survey-tally.md). */
export * from './prng';
export * from './questionnaire';
export * from './tally';
export * from './validate-questionnaire';
export * from './validate-answers';
export * from './sampling';
