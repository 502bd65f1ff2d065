/** Messages of the criteria framework screens (bộ tiêu chí), one file per language. */
export { frameworksVi } from './frameworks-vi';
