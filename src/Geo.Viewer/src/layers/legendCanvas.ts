import type { Geometry } from 'ol/geom';
import { toContext } from 'ol/render';
import type Style from 'ol/style/Style';
import type { LayerDefinition, LegendItem } from './definitions';

const defaultSize: [number, number] = [32, 18];

export function legendSampleSize(item: LegendItem): [number, number] {
  return item.size ?? defaultSize;
}

/**
 * A legend sample drawn with the layer's own style function, so the legend cannot drift from the map (the layer
 * tree and the PNG export both use it). Resolution 1 means one map unit per pixel: samples are in canvas pixels.
 */
export function legendSampleCanvas(definition: LayerDefinition, item: LegendItem, pixelRatio = window.devicePixelRatio || 1): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d')!;
  // toContext sizes the canvas (size × pixelRatio) and scales drawing by the pixel ratio.
  const render = toContext(context, { size: legendSampleSize(item), pixelRatio });
  const styled = typeof definition.style === 'function' ? definition.style(item.feature, 1) : definition.style;
  const styles = (Array.isArray(styled) ? styled : styled ? [styled] : []) as Style[];
  for (const style of styles) {
    const geometry = (style.getGeometryFunction()(item.feature) ?? item.feature.getGeometry()) as Geometry;
    render.setStyle(style);
    render.drawGeometry(geometry);
  }
  return canvas;
}
