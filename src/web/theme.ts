import type { ThemeConfig } from 'antd';

/**
 * A sober administrative theme: deep blue, compact spacing, and secondary text dark enough for WCAG AA (antd's
 * default 45% grey is below 4.5:1 on white).
 */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1554ad',
    colorInfo: '#1554ad',
    colorLink: '#1554ad',
    colorSuccess: '#237804',
    colorError: '#c41d1d',
    colorWarning: '#ad6800',
    colorTextSecondary: 'rgba(0, 0, 0, 0.66)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    colorTextDescription: 'rgba(0, 0, 0, 0.6)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.5)',
    colorBgLayout: '#f3f5f8',
    borderRadius: 6,
    fontSize: 14,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, sans-serif, 'Apple Color Emoji', 'Segoe UI Emoji'",
  },
  components: {
    Layout: { headerBg: '#ffffff', headerHeight: 56, headerPadding: '0 20px', siderBg: '#0d2847' },
    Menu: {
      darkItemBg: '#0d2847',
      darkSubMenuItemBg: '#0a2140',
      darkItemSelectedBg: '#1554ad',
      darkItemColor: 'rgba(255, 255, 255, 0.82)',
      darkGroupTitleColor: 'rgba(255, 255, 255, 0.6)',
      itemHeight: 38,
    },
    Table: { headerBg: '#f5f7fa', cellPaddingBlockSM: 6 },
  },
};
