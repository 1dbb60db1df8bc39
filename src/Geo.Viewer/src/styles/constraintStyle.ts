import type { FeatureLike } from 'ol/Feature';
import { Fill, Stroke, Style } from 'ol/style';
import { hatchPattern } from './hatch';
import { constraintColours } from './palette';

let styles: Record<string, Style> | undefined;

// Patterns need a canvas, so they are made on first use rather than at import time.
function stylesByKind(): Record<string, Style> {
  styles ??= {
    permanent_farmland: new Style({
      fill: new Fill({ color: hatchPattern(constraintColours.permanent_farmland, 'diagonal') }),
      stroke: new Stroke({ color: constraintColours.permanent_farmland, width: 1.5 }),
    }),
    ecological_redline: new Style({
      fill: new Fill({ color: hatchPattern(constraintColours.ecological_redline, 'reverse') }),
      stroke: new Stroke({ color: constraintColours.ecological_redline, width: 2 }),
    }),
    // 城镇开发边界 is a line in 三区三线 maps: no fill, a dash-dot outline.
    urban_boundary: new Style({
      stroke: new Stroke({ color: constraintColours.urban_boundary, width: 2.5, lineDash: [12, 4, 2, 4] }),
    }),
    geohazard: new Style({
      fill: new Fill({ color: hatchPattern(constraintColours.geohazard, 'cross') }),
      stroke: new Stroke({ color: constraintColours.geohazard, width: 1.5 }),
    }),
  };
  return styles;
}

export function constraintStyle(feature: FeatureLike): Style | undefined {
  return stylesByKind()[feature.get('kind') as string];
}
