/** The analysis of results: why an agency rose or fell, and what lifts it (docs/analysis.md). */
export * from './types';
export * from './format';
export * from './summary';
export * from './losses';
export * from './steps';
export * from './what-it-takes';
export * from './robustness';
export * from './trends';
export * from './province';
