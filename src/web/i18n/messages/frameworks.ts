/** Messages of the criteria framework screens (bộ tiêu chí), one file per language. */
export { frameworksEn } from './frameworks-en';
export { frameworksVi } from './frameworks-vi';
