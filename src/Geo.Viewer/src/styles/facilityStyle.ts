import type { FeatureLike } from 'ol/Feature';
import { Fill, RegularShape, Stroke, Style } from 'ol/style';
import { facilityColours } from './palette';

/** Shape per kind as well as colour, so the kinds stay apart for colour-blind staff and in grey print. */
const shapes: Record<string, { points: number; angle: number; radius: number; radius2?: number }> = {
  school: { points: 3, angle: 0, radius: 8 },
  clinic: { points: 4, angle: 0, radius: 7 },
  hospital: { points: 4, angle: Math.PI / 4, radius: 8 },
  market: { points: 5, angle: 0, radius: 7 },
  elderly_care: { points: 6, angle: 0, radius: 7 },
  childcare: { points: 8, angle: 0, radius: 6 },
  park: { points: 12, angle: 0, radius: 6 },
  railway_station: { points: 5, angle: 0, radius: 9, radius2: 4 },
};

const cache = new Map<string, Style>();

export function facilityStyle(feature: FeatureLike): Style {
  const kind = feature.get('kind') as string;
  const planned = feature.get('planned') === true;
  const key = `${kind}|${planned}`;
  let style = cache.get(key);
  if (!style) {
    const shape = shapes[kind] ?? shapes.clinic;
    style = new Style({
      image: new RegularShape({
        points: shape.points,
        radius: shape.radius,
        radius2: shape.radius2,
        angle: shape.angle,
        fill: new Fill({ color: facilityColours[kind] ?? '#495057' }),
        // Facilities the plan builds get a dark ring.
        stroke: new Stroke({ color: planned ? '#212529' : '#ffffff', width: planned ? 2 : 1.5 }),
      }),
    });
    cache.set(key, style);
  }
  return style;
}
