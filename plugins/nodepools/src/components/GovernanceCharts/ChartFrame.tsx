import { cloneElement, type ReactElement } from 'react';
import { ResponsiveContainer } from 'recharts';

/** Width of a chart where the page cannot be measured (no ResizeObserver: server or jsdom). */
const FALLBACK_WIDTH = 640;

/**
 * A chart as wide as its container, and `height` high. Where the container
 * cannot be measured the chart gets a fixed width instead of none, so it
 * still draws.
 */
export function ChartFrame({ height, label, children }: { height: number; label: string; children: ReactElement }) {
  const chart =
    typeof ResizeObserver === 'undefined' ? (
      cloneElement(children, { width: FALLBACK_WIDTH, height })
    ) : (
      <ResponsiveContainer width="100%" height={height}>
        {children}
      </ResponsiveContainer>
    );
  return (
    <figure role="figure" aria-label={label} style={{ margin: 0 }}>
      {chart}
    </figure>
  );
}
