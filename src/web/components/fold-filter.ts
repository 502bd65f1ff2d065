import { foldText } from '../../core/domain/text';

/** Accent-insensitive option filter for local selects ("so noi vu" finds "Sở Nội vụ"). */
export function foldFilter(input: string, option?: { label?: unknown }): boolean {
  const label = typeof option?.label === 'string' ? option.label : '';
  return foldText(label).includes(foldText(input));
}
