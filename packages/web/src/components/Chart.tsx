import { BarChart, LineChart, PieChart, ScatterChart } from 'echarts/charts';
import {
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TooltipComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// The canvas renderer draws titles, axes, labels and legends as text on the canvas. The only part
// of ECharts that writes HTML into the page is the tooltip in its default `html` mode (and the
// toolbox's data view, which is not registered here). `textOnly` below turns that off.
echarts.use([
  BarChart,
  LineChart,
  PieChart,
  ScatterChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  MarkLineComponent,
  MarkAreaComponent,
  DataZoomComponent,
  CanvasRenderer,
]);

export type ChartOption = echarts.EChartsCoreOption;

/** How every tooltip looks when drawn on the canvas (the antd card's colours). */
const TEXT_TOOLTIP = {
  renderMode: 'richText',
  confine: true,
  backgroundColor: '#ffffff',
  borderColor: '#d9d9d9',
  borderWidth: 1,
  padding: [6, 10],
  textStyle: { color: '#1f1f1f', fontSize: 12, lineHeight: 18 },
} as const;

type TooltipOption = Record<string, unknown>;

/**
 * The option with every tooltip drawn as text on the canvas (`renderMode: 'richText'`): whatever a
 * formatter returns, or a series or category name holds — a drill's scenario, an outlet's name —
 * is shown as the characters it has, never read as HTML. Lines are separated by `\n` (see
 * `tooltipLines`). Every chart of the web app goes through `Chart`, so through this.
 */
export function textOnly(option: ChartOption): ChartOption {
  const given = option.tooltip as TooltipOption | TooltipOption[] | undefined;
  const force = (t: TooltipOption | undefined): TooltipOption => ({
    ...TEXT_TOOLTIP,
    ...t,
    textStyle: { ...TEXT_TOOLTIP.textStyle, ...(t?.textStyle as object | undefined) },
    renderMode: 'richText',
  });
  return { ...option, tooltip: Array.isArray(given) ? given.map(force) : force(given) };
}

/** A tooltip of lines of text, one per line: what a tooltip `formatter` returns. */
export const tooltipLines = (...lines: unknown[]): string => lines.map((l) => String(l ?? '')).join('\n');

/** An ECharts canvas that follows its container's size; its tooltips show user data as text. */
export function Chart({
  option,
  height = 300,
  testId,
  onClick,
}: {
  option: ChartOption;
  height?: number;
  testId?: string;
  /** called with the data index of a clicked item or category */
  onClick?: (dataIndex: number) => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    if (!ref.current) return;
    const c = echarts.init(ref.current);
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(ref.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(textOnly(option), true);
  }, [option]);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;
  const clickable = onClick !== undefined;
  useEffect(() => {
    const c = chart.current;
    if (!c || !clickable) return;
    // a click on the plot anywhere picks the nearest category, not only on a bar or a point
    const zr = c.getZr();
    const pick = (e: { offsetX: number; offsetY: number }) => {
      if (!c.containPixel('grid', [e.offsetX, e.offsetY])) return;
      const [i] = c.convertFromPixel('grid', [e.offsetX, e.offsetY]) as number[];
      if (typeof i === 'number' && i >= 0) clickRef.current?.(Math.round(i));
    };
    zr.on('click', pick);
    return () => {
      zr.off('click', pick);
    };
  }, [clickable]);
  return <div ref={ref} className="ld-chart" style={{ height }} data-testid={testId} />;
}
