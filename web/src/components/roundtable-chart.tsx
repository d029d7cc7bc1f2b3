import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, SVGRenderer]);

/**
 * Draws the ECharts option the sharing module builds for a roundtable (in the page's language).
 * The picture is hidden from assistive technology: the page shows the same totals as a table.
 */
export function RoundtableChart({ option, height = 320 }: { option: Record<string, unknown>; height?: number }) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!element.current) return;
    const chart = echarts.init(element.current, undefined, { renderer: 'svg' });
    // Room for the title and its subtitle above the legend.
    chart.setOption({ ...option, animation: false, legend: { ...(option['legend'] as object | undefined), top: 52 }, grid: { left: 56, right: 16, top: 96, bottom: 32 } });
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [option]);
  return <div ref={element} style={{ height }} aria-hidden="true" className="roundtable-chart" />;
}
