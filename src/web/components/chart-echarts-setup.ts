/**
 * The parts of ECharts the app draws with, registered once. Loaded only through a dynamic import (see
 * chart-echarts.tsx): named static imports let the bundler drop every chart and component not listed here.
 */
import { BarChart, LineChart, RadarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, RadarComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

use([BarChart, LineChart, RadarChart, GridComponent, TooltipComponent, LegendComponent, RadarComponent, MarkLineComponent, SVGRenderer]);

export { init };
