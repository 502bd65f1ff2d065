export * from './org';
export * from './auth';
export * from './audit';
export * from './frameworks';
export * from './periods';
export * from './cycle';
export * from './surveys';
export * from './remediation';
