import type { ThemeConfig } from 'antd';

export const FONT_STACK =
  '-apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", "Helvetica Neue", Helvetica, Arial, sans-serif';

/** A restrained bank red as the brand colour; everything else stays antd's defaults. */
/** Focus in slate, not brand red: a red outline would read as a validation error. */
const focus = {
  activeBorderColor: '#4b5a78',
  hoverBorderColor: '#7d8aa6',
  activeShadow: '0 0 0 2px rgba(75, 90, 120, 0.15)',
};

export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#b8322f',
    colorLink: '#b8322f',
    borderRadius: 6,
    fontFamily: FONT_STACK,
  },
  components: {
    Layout: {
      headerBg: '#ffffff',
      siderBg: '#1f2330',
      triggerBg: '#181b25',
      headerHeight: 56,
      headerPadding: '0 20px',
    },
    Input: focus,
    InputNumber: focus,
    DatePicker: focus,
    Select: {
      activeBorderColor: focus.activeBorderColor,
      hoverBorderColor: focus.hoverBorderColor,
      activeOutlineColor: 'rgba(75, 90, 120, 0.15)',
    },
    Menu: {
      darkItemBg: '#1f2330',
      darkSubMenuItemBg: '#1a1d28',
      darkItemSelectedBg: '#b8322f',
    },
  },
};
