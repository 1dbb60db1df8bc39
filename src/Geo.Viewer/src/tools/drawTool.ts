import type OlMap from 'ol/Map';
import Draw, { createBox, type DrawEvent } from 'ol/interaction/Draw';
import type { Type } from 'ol/geom/Geometry';
import { getHeight, getWidth } from 'ol/extent';
import { onLangChange, t, type MessageKey } from '../i18n';
import type { IdentifyPopup } from '../panels/identify';

export type Shape = 'Polygon' | 'Box' | 'Circle' | 'LineString';

/** The one-line hint shown over the map while drawing each shape. */
const hints: Record<Shape, MessageKey> = {
  Polygon: 'hintPolygon',
  Box: 'hintBox',
  Circle: 'hintCircle',
  LineString: 'hintLine',
};

/** A press and release closer than this (CSS pixels) is a click, not a rectangle or circle: keep waiting for a drag. */
const minimumDragPixels = 4;

/**
 * One drawing at a time on the map, shared by query-by-area and measure. Rectangles and circles are drawn the way
 * every GIS draws them, press–drag–release (OpenLayers' freehand mode); polygons and lines click by click, double
 * click to finish. While a drawing is active a hint says how, clicks draw instead of identifying features, and Esc
 * cancels.
 */
export class DrawTool {
  private draw?: Draw;
  private shape?: Shape;

  constructor(
    private readonly map: OlMap,
    private readonly identify: IdentifyPopup,
    private readonly hint: HTMLElement,
  ) {
    document.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        this.stop();
      }
    });
    onLangChange(() => this.showHint());
  }

  start(shape: Shape, onEnd: (event: DrawEvent) => void, onStart?: (event: DrawEvent) => void): Draw {
    this.stop();
    const dragged = shape === 'Box' || shape === 'Circle';
    const type: Type = shape === 'Box' ? 'Circle' : shape;
    const draw = new Draw({ type, geometryFunction: shape === 'Box' ? createBox() : undefined, stopClick: true, freehand: dragged });
    draw.on('drawend', (event) => {
      const extent = event.feature.getGeometry()!.getExtent();
      const resolution = this.map.getView().getResolution() ?? 1;
      if (dragged && Math.max(getWidth(extent), getHeight(extent)) / resolution < minimumDragPixels) {
        // A click without a drag: nothing was drawn. The tool stays on and the hint still says what to do.
        return;
      }
      onEnd(event);
      // Let the finishing click pass before clicks identify again.
      setTimeout(() => {
        if (this.draw === draw) {
          this.stop();
        }
      }, 0);
    });
    if (onStart) {
      draw.on('drawstart', onStart);
    }
    this.draw = draw;
    this.shape = shape;
    this.identify.enabled = false;
    this.map.addInteraction(draw);
    this.showHint();
    return draw;
  }

  stop(): void {
    if (this.draw) {
      this.draw.abortDrawing();
      this.map.removeInteraction(this.draw);
      this.draw = undefined;
    }
    this.shape = undefined;
    this.identify.enabled = true;
    this.showHint();
  }

  private showHint(): void {
    this.hint.hidden = this.shape === undefined;
    this.hint.textContent = this.shape ? t(hints[this.shape]) : '';
  }
}
