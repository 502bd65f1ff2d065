import type { MessageKey } from '../../i18n/translate';
import { defaultScale, type Option } from './builder-draft';

/** One-click answer scales; the first is the methodology's A/B/C/D/E = 100/60/20/0 % / don't know. */
export const SCALE_PRESETS: { key: string; label: MessageKey; options: () => Option[] }[] = [
  { key: 'quality', label: 'survey.preset.quality', options: defaultScale },
  {
    key: 'satisfaction',
    label: 'survey.preset.satisfaction',
    options: () => [
      { code: 'A', labelVi: 'Rất hài lòng', labelEn: 'Very satisfied', weight: '1' },
      { code: 'B', labelVi: 'Hài lòng', labelEn: 'Satisfied', weight: '0.6' },
      { code: 'C', labelVi: 'Chưa hài lòng', labelEn: 'Not quite satisfied', weight: '0.2' },
      { code: 'D', labelVi: 'Không hài lòng', labelEn: 'Dissatisfied', weight: '0' },
      { code: 'E', labelVi: 'Không biết', labelEn: "Don't know", weight: null },
    ],
  },
  {
    key: 'attention',
    label: 'survey.preset.attention',
    options: () => [
      { code: 'A', labelVi: 'Rất quan tâm', labelEn: 'A great deal', weight: '1' },
      { code: 'B', labelVi: 'Quan tâm', labelEn: 'Some', weight: '0.6' },
      { code: 'C', labelVi: 'Ít quan tâm', labelEn: 'Little', weight: '0.2' },
      { code: 'D', labelVi: 'Không quan tâm', labelEn: 'None', weight: '0' },
      { code: 'E', labelVi: 'Không biết', labelEn: "Don't know", weight: null },
    ],
  },
  {
    key: 'yesno',
    label: 'survey.preset.yesNo',
    options: () => [
      { code: 'A', labelVi: 'Có', labelEn: 'Yes', weight: '1' },
      { code: 'B', labelVi: 'Không', labelEn: 'No', weight: '0' },
      { code: 'C', labelVi: 'Không biết', labelEn: "Don't know", weight: null },
    ],
  },
];
