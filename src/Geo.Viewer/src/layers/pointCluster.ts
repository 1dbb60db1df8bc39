import type Feature from 'ol/Feature';
import type { Coordinate } from 'ol/coordinate';
import { buffer, containsCoordinate, createOrUpdateFromCoordinate } from 'ol/extent';
import { MultiPolygon, Point, Polygon } from 'ol/geom';
import Cluster from 'ol/source/Cluster';

/**
 * OpenLayers' Cluster gathers around each feature's cluster point every feature whose geometry's box reaches it: a
 * project's site (a polygon) then swallows the points inside its box, even at distance 0. This one gathers by the
 * cluster points alone; features the geometry function leaves out (projects the time slider hides) join none.
 */
export class PointCluster extends Cluster<Feature> {
  protected override cluster(): void {
    if (this.resolution === undefined || !this.source) {
      return;
    }
    const points = new Map<Feature, Coordinate>();
    for (const feature of this.source.getFeatures()) {
      const point = this.geometryFunction(feature);
      if (point) {
        points.set(feature, point.getCoordinates());
      }
    }
    const mapDistance = this.distance * this.resolution;
    const clustered = new Set<Feature>();
    for (const [feature, coordinate] of points) {
      if (clustered.has(feature)) {
        continue;
      }
      const extent = buffer(createOrUpdateFromCoordinate(coordinate), mapDistance);
      const members = this.source.getFeaturesInExtent(extent).filter((other) => {
        const point = points.get(other);
        return point !== undefined && !clustered.has(other) && containsCoordinate(extent, point);
      });
      members.forEach((member) => clustered.add(member));
      this.features.push(this.createCluster(members, extent));
    }
  }
}

/** Where a feature counts in a cluster: a point where it is, a polygon (a project's site) at its interior point. */
export function clusterPoint(feature: Feature): Point | null {
  const geometry = feature.getGeometry();
  if (geometry instanceof Point) {
    return geometry;
  }
  if (geometry instanceof Polygon) {
    return geometry.getInteriorPoint();
  }
  return geometry instanceof MultiPolygon ? geometry.getInteriorPoints().getPoint(0) : null;
}
