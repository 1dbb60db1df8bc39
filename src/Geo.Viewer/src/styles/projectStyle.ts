import type { FeatureLike } from 'ol/Feature';
import { Circle, Fill, Stroke, Style, Text } from 'ol/style';
import { projectCategoryColours } from './palette';
import { shownInYear } from './yearFilter';

/** Pixels of radius per √万元: circle area is proportional to investment (93,600 万元 → about 27 px). */
const radiusPerSqrtWan = 0.09;
/** Names appear from about zoom 11.5, where the 35 labels stop overlapping each other. */
const labelMaxResolution = 40;

export function projectRadius(investmentWan: number): number {
  return Math.sqrt(Math.max(investmentWan, 0)) * radiusPerSqrtWan;
}

function colourWithAlpha(hex: string, alpha: number): string {
  const value = parseInt(hex.slice(1), 16);
  return `rgba(${(value >> 16) & 255}, ${(value >> 8) & 255}, ${value & 255}, ${alpha})`;
}

const label = (text: string, offsetY: number) =>
  new Text({
    text,
    font: '12px "Noto Sans CJK SC", "Microsoft YaHei", sans-serif',
    offsetY,
    fill: new Fill({ color: '#212529' }),
    stroke: new Stroke({ color: 'rgba(255,255,255,0.9)', width: 3 }),
    overflow: true,
  });

/**
 * Styles by what they draw: a new Circle paints its canvas (and a hit-detection copy) when first drawn, and the map
 * asks every project's style on every frame, so a fresh one each time cost canvases per frame (docs/BENCHMARKS.md).
 */
const cache = new Map<string, Style>();

export function projectStyle(feature: FeatureLike, resolution: number): Style | undefined {
  if (!shownInYear(feature)) {
    return undefined;
  }
  const category = feature.get('category') as string;
  const showLabel = resolution <= labelMaxResolution;
  const type = feature.getGeometry()?.getType();
  const radius = type === 'Point' ? projectRadius(feature.get('investment_wan') as number) : undefined;
  const key = `${category}|${radius ?? 'site'}|${showLabel ? (feature.get('name') as string) : ''}`;
  let style = cache.get(key);
  if (!style) {
    style = newStyle(projectCategoryColours[category] ?? '#868e96', radius, showLabel ? (feature.get('name') as string) : undefined);
    cache.set(key, style);
  }
  return style;
}

/** A project's circle (radius in pixels) or, without a radius, its site polygon; with its name when given. */
function newStyle(colour: string, radius: number | undefined, name: string | undefined): Style {
  if (radius !== undefined) {
    return new Style({
      image: new Circle({
        radius,
        // Labels give way to each other; circles never do (every project stays on the map).
        declutterMode: 'none',
        fill: new Fill({ color: colourWithAlpha(colour, 0.85) }),
        stroke: new Stroke({ color: '#ffffff', width: 1.5 }),
      }),
      text: name === undefined ? undefined : label(name, radius + 10),
      // Small investments on top, so a big circle never hides a small one.
      zIndex: -radius,
    });
  }
  return new Style({
    fill: new Fill({ color: colourWithAlpha(colour, 0.6) }),
    stroke: new Stroke({ color: colour, width: 2 }),
    text: name === undefined ? undefined : label(name, 0),
  });
}
