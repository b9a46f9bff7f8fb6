// Chart.js 4 (npm chart.js, MIT), served from our own origin: build.mjs ships its UMD build,
// which sets globalThis.Chart when imported (all chart types registered). It draws on a canvas
// and sets the canvas's size through the CSSOM (allowed by the CSP; it injects no stylesheet).
import '{{asset:vendor/chart.umd.min.js}}';

export const { Chart } = globalThis;

const reducedMotion = globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
Chart.defaults.font.family = '"Titillium Web", Geneva, Tahoma, sans-serif';
Chart.defaults.font.size = 14;
Chart.defaults.color = '#1a1a1a';
Chart.defaults.maintainAspectRatio = false;
if (reducedMotion) Chart.defaults.animation = false;
