import type OlMap from 'ol/Map';
import Draw, { createBox, type DrawEvent } from 'ol/interaction/Draw';
import type { Type } from 'ol/geom/Geometry';
import type { IdentifyPopup } from '../panels/identify';

export type Shape = 'Polygon' | 'Box' | 'Circle' | 'LineString';

/**
 * One drawing at a time on the map, shared by query-by-area and measure. While a drawing is active, clicks draw
 * instead of identifying features; Esc cancels.
 */
export class DrawTool {
  private draw?: Draw;

  constructor(
    private readonly map: OlMap,
    private readonly identify: IdentifyPopup,
  ) {
    document.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        this.stop();
      }
    });
  }

  start(shape: Shape, onEnd: (event: DrawEvent) => void, onStart?: (event: DrawEvent) => void): Draw {
    this.stop();
    const type: Type = shape === 'Box' ? 'Circle' : shape;
    this.draw = new Draw({ type, geometryFunction: shape === 'Box' ? createBox() : undefined, stopClick: true });
    this.draw.on('drawend', (event) => {
      onEnd(event);
      // Let the finishing click pass before clicks identify again.
      setTimeout(() => this.stop(), 0);
    });
    if (onStart) {
      this.draw.on('drawstart', onStart);
    }
    this.identify.enabled = false;
    this.map.addInteraction(this.draw);
    return this.draw;
  }

  stop(): void {
    if (this.draw) {
      this.map.removeInteraction(this.draw);
      this.draw = undefined;
    }
    this.identify.enabled = true;
  }
}
